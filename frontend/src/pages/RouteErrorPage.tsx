import { isRouteErrorResponse, useRouteError } from "react-router";
import { NotFound } from "../components/common/NotFound";

/** What the router shows when a page fails to render, instead of its developer page. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFound title="Page not found" detail="The app has no page at this address." />;
  }

  const message = error instanceof Error ? error.message : String(error);
  return <NotFound title="Something went wrong" detail={`This page failed: ${message}`} />;
}
