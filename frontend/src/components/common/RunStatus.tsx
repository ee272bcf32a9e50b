import type { RunRead } from "../../api/client";

const ORDER = ["queued", "running", "completed", "failed", "stopped", "lost"];

/** A run's status badge with its experiments per status. */
export function RunStatus({ run }: { run: RunRead }) {
  const counts = run.counts ?? {};
  const parts = ORDER.filter((status) => counts[status]).map(
    (status) => `${counts[status]} ${status}`,
  );
  return (
    <span className="run-status">
      <span className={`badge status-${run.status}`} data-testid="run-status">
        {run.status}
      </span>
      {parts.length > 0 && <span className="muted"> {parts.join(" · ")}</span>}
    </span>
  );
}
