import { useLocation } from "react-router";
import { NotFound } from "../components/common/NotFound";

/** Any address the app has no page for. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return <NotFound title="Page not found" detail={`The app has no page at ${pathname}.`} />;
}
