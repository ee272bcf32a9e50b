import type { ReactNode } from "react";
import { useParams } from "react-router";
import { useRouteId } from "../../hooks/useRouteId";
import { NotFound } from "./NotFound";

interface Props {
  /** The route parameter holding the id: `projectId`, `runId`. */
  name: string;
  /** What the id names, for the not-found message: "project", "run". */
  what: string;
  children: (id: number) => ReactNode;
}

/** Renders `children` with the route's id, or a not-found message when it is no valid id. */
export function WithRouteId({ name, what, children }: Props) {
  const text = useParams()[name] ?? "";
  const id = useRouteId(name);
  if (id !== null) return children(id);

  return <NotFound title={`No such ${what}`} detail={`“${text}” is not a ${what} number.`} />;
}
