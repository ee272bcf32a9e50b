import { useParams } from "react-router";
import { parseRouteId } from "../lib/routeId";

/** The numeric id of route parameter `name` (`projectId`), or null when it is not a valid id. */
export function useRouteId(name: string): number | null {
  return parseRouteId(useParams()[name]);
}
