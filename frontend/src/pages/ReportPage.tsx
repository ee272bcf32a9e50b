import { Link, useSearchParams } from "react-router";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { ReportProgress } from "../components/project/ReportProgress";
import { useReportData } from "../hooks/projectApi";
import { formatValue } from "../lib/numbers";

const ids = (text: string | null) =>
  text === null ? null : text.split(",").filter(Boolean).map(Number);

const objectiveOf = (metric: string | null, mode: string | null) =>
  metric ? { metric, mode: mode === "min" ? ("min" as const) : ("max" as const) } : null;

/** The report, read-only, for logged-in colleagues: what the downloaded file shows. */
export function ReportPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <Report projectId={projectId} />}
    </WithRouteId>
  );
}

function Report({ projectId }: { projectId: number }) {
  const [search] = useSearchParams();
  const report = useReportData(projectId, {
    experimentIds: ids(search.get("experiments")),
    journalIds: ids(search.get("journal")),
    objective: objectiveOf(search.get("metric"), search.get("mode")),
  });
  const data = report.data;
  if (!data) return <ErrorNote error={report.error} />;

  return (
    <article className="report">
      <Link to={`/projects/${projectId}/dashboard`}>← dashboard</Link>
      <h2>{data.title}</h2>
      <p className="muted">
        {data.generated_by}, {new Date(data.generated_at).toLocaleString()}
        {data.objective ? ` · objective ${data.objective.mode} ${data.objective.metric}` : ""}
      </p>
      <p data-testid="report-production">
        Production:{" "}
        {data.production_experiment
          ? `experiment ${data.production_experiment.id} (${data.production_experiment.run_name})`
          : "none chosen"}
      </p>
      <h3>Progress</h3>
      <ReportProgress report={data} />
      <h3>Experiments</h3>
      <table className="runs" data-testid="report-experiments">
        <thead>
          <tr>
            <th>id</th>
            <th>run</th>
            {data.param_names.map((name) => (
              <th key={name}>{name}</th>
            ))}
            {data.metric_names.map((name) => (
              <th key={name}>{name}</th>
            ))}
            <th>tags</th>
          </tr>
        </thead>
        <tbody>
          {data.experiments.map((e) => (
            <tr key={e.id}>
              <td>
                {e.starred ? "★ " : ""}
                {e.id}
              </td>
              <td>{e.run_name}</td>
              {data.param_names.map((name) => (
                <td key={name}>{formatValue(e.params[name])}</td>
              ))}
              {data.metric_names.map((name) => (
                <td key={name}>{formatValue(e.metrics[name]?.last)}</td>
              ))}
              <td>{e.tags.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Journal</h3>
      {data.journal.map((entry) => (
        <section key={entry.id} className="journal-entry">
          <time>{entry.day}</time> <span className="muted">{entry.author}</span>
          <p className="note-text">{entry.body}</p>
        </section>
      ))}
    </article>
  );
}
