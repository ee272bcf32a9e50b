import { Link } from "react-router";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { RunStatus } from "../components/common/RunStatus";
import { useProject, useRuns } from "../hooks/api";
import { roleAtLeast } from "../hooks/useProjectRole";

/** A project's runs, with their live status. */
export function ProjectPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <ProjectRuns projectId={projectId} />}
    </WithRouteId>
  );
}

function ProjectRuns({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const runs = useRuns(projectId);

  if (project.error) return <ErrorNote error={project.error} />;
  return (
    <div className="project">
      <header className="page-head">
        <div>
          <Link to="/">← projects</Link>
          <h2>{project.data?.name ?? "…"}</h2>
        </div>
        <div className="head-tools">
          <Link to={`/projects/${projectId}/dashboard`}>Project dashboard</Link>
          <Link to={`/projects/${projectId}/flags`}>Flag rules</Link>
          <Link to={`/projects/${projectId}/members`}>Sharing &amp; history</Link>
          {roleAtLeast(project.data?.role, "editor") && (
            <Link className="button primary" to={`/projects/${projectId}/launch`}>
              New run
            </Link>
          )}
        </div>
      </header>
      <ErrorNote error={runs.error} />
      {runs.data?.length === 0 && <p className="muted">No run yet.</p>}
      <table className="runs" aria-label="Runs">
        <thead>
          <tr>
            <th>run</th>
            <th>status</th>
            <th>strategy</th>
            <th>objective</th>
            <th>created</th>
          </tr>
        </thead>
        <tbody>
          {(runs.data ?? []).toReversed().map((run) => (
            <tr key={run.id} data-testid={`run-row-${run.id}`}>
              <td>
                <Link to={`/runs/${run.id}`}>{run.name}</Link>
              </td>
              <td>
                <RunStatus run={run} />
              </td>
              <td>{run.strategy}</td>
              <td>
                {run.objective_metric ? `${run.objective_mode} ${run.objective_metric}` : "—"}
              </td>
              <td>{new Date(run.created_at).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
