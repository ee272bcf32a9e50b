import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createHashRouter,
  Link,
  Navigate,
  Outlet,
  RouterProvider,
  useNavigate,
} from "react-router";
import { api, isUnauthenticated } from "./api/client";
import { ErrorNote } from "./components/common/ErrorNote";
import { useMe } from "./hooks/api";
import { LaunchPage } from "./pages/LaunchPage";
import { LoginPage } from "./pages/LoginPage";
import { ProjectPage } from "./pages/ProjectPage";
import { ProjectsPage } from "./pages/ProjectsPage";
import { RunDashboardPage } from "./pages/RunDashboardPage";

/** Pages behind the login: a 401 anywhere sends the browser to the login page. */
function Authenticated() {
  const me = useMe();
  const navigate = useNavigate();
  if (me.isPending) return <p className="loading">Loading…</p>;
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
        <span className="muted">{me.data?.username}</span>
        <button type="button" className="link" onClick={() => void logout()}>
          log out
        </button>
      </nav>
      <Outlet />
    </div>
  );
}

const router = createHashRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: <Authenticated />,
    children: [
      { path: "/", element: <ProjectsPage /> },
      { path: "/projects/:projectId", element: <ProjectPage /> },
      { path: "/projects/:projectId/launch", element: <LaunchPage /> },
      { path: "/runs/:runId", element: <RunDashboardPage /> },
    ],
  },
]);

const queries = new QueryClient({
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
