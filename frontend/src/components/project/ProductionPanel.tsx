import { useProduction } from "../../hooks/projectApi";

/** The production choice and who marked what when. */
export function ProductionPanel({ projectId }: { projectId: number }) {
  const { current, history } = useProduction(projectId);
  const mark = current.data?.mark;
  return (
    <section className="production" aria-label="Production">
      <h3>Production</h3>
      <p data-testid="production-current">
        {mark?.experiment_id
          ? `Experiment ${mark.experiment_id} (run ${current.data?.experiment?.run_id ?? "?"})`
          : "No production choice yet."}
      </p>
      <details>
        <summary>History ({history.data?.length ?? 0})</summary>
        <ul>
          {(history.data ?? []).map((entry) => (
            <li key={entry.id}>
              {new Date(entry.marked_at).toLocaleString()} — {entry.marked_by}:{" "}
              {entry.experiment_id ? `experiment ${entry.experiment_id}` : "cleared"}
              {entry.note ? ` (${entry.note})` : ""}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
