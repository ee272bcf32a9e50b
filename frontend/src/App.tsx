import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createHashRouter,
  Link,
  Navigate,
  Outlet,
  RouterProvider,
  useNavigate,
  type RouteObject,
} from "react-router";
import { api, isUnauthenticated } from "./api/client";
import { ErrorNote } from "./components/common/ErrorNote";
import { useMe } from "./hooks/api";
import { AccountPage } from "./pages/AccountPage";
import { AdminPage } from "./pages/AdminPage";
import { LaunchPage } from "./pages/LaunchPage";
import { FlagRulesPage } from "./pages/FlagRulesPage";
import { ImportPage } from "./pages/ImportPage";
import { LoginPage } from "./pages/LoginPage";
import { ProjectDashboardPage } from "./pages/ProjectDashboardPage";
import { MembersPage } from "./pages/MembersPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProjectPage } from "./pages/ProjectPage";
import { ProjectsPage } from "./pages/ProjectsPage";
import { ReportPage } from "./pages/ReportPage";
import { RouteErrorPage } from "./pages/RouteErrorPage";
import { RunDashboardPage } from "./pages/RunDashboardPage";

/** Pages behind the login: a 401 anywhere sends the browser to the login page. */
function Authenticated() {
  const me = useMe();
  const navigate = useNavigate();
  // The page renders while "who am I" is asked, so its own requests start at once; a 401
  // from either sends the browser to the login page.
  if (isUnauthenticated(me.error)) return <Navigate to="/login" replace />;
  if (me.error) return <ErrorNote error={me.error} />;

  const logout = async () => {
    await api.POST("/api/auth/logout");
    navigate("/login");
  };
  return (
    <div className="app">
      <nav className="top">
        <Link to="/" className="brand">
          HyperTuner
        </Link>
        {me.data?.is_admin && <Link to="/admin">users</Link>}
        <Link to="/account" className="muted">
          {me.data?.username ?? "account"}
        </Link>
        <button type="button" className="link" onClick={() => void logout()}>
          log out
        </button>
      </nav>
      <Outlet />
    </div>
  );
}

const pages: RouteObject[] = [
  { path: "/", element: <ProjectsPage /> },
  { path: "/projects/:projectId", element: <ProjectPage /> },
  { path: "/projects/:projectId/launch", element: <LaunchPage /> },
  { path: "/projects/:projectId/dashboard", element: <ProjectDashboardPage /> },
  { path: "/projects/:projectId/import", element: <ImportPage /> },
  { path: "/projects/:projectId/report", element: <ReportPage /> },
  { path: "/projects/:projectId/members", element: <MembersPage /> },
  { path: "/projects/:projectId/flags", element: <FlagRulesPage /> },
  { path: "/account", element: <AccountPage /> },
  { path: "/admin", element: <AdminPage /> },
  {
    path: "/runs/:runId",
    element: <RunDashboardPage />,
    // The experiment view keeps the run's panel and table: the page reads the child's id.
    children: [{ path: "experiments/:experimentId", element: null }],
  },
  { path: "*", element: <NotFoundPage /> },
];

const router = createHashRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <Authenticated />,
    errorElement: <RouteErrorPage />,
    // A page that fails to render shows its error below the navigation bar.
    children: [{ errorElement: <RouteErrorPage />, children: pages }],
  },
]);

const queries = new QueryClient({
  // A session that ended (expired, logged out elsewhere) sends any page back to the login.
  queryCache: new QueryCache({
    onError: (error) => {
      if (isUnauthenticated(error) && window.location.hash !== "#/login") {
        window.location.hash = "#/login";
      }
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !isUnauthenticated(error) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
