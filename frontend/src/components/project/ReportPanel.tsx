import { useState } from "react";
import { Link } from "react-router";
import { useJournal, useReportDownload } from "../../hooks/projectApi";
import type { ProjectData } from "../../lib/projectData";
import { ErrorNote } from "../common/ErrorNote";

interface Props {
  projectId: number;
  /** The chosen experiments; null lets the server choose (starred and production). */
  experimentIds: number[] | null;
  /** The objective the dashboard charts, so the report's progress chart shows the same. */
  objective: ProjectData["objective"];
}

/** The stakeholder report: which journal entries go in, download it or read it in the app. */
export function ReportPanel({ projectId, experimentIds, objective }: Props) {
  const journal = useJournal(projectId).list;
  const download = useReportDownload(projectId);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const entries = journal.data ?? [];
  const chosen = entries.filter((e) => !excluded.has(e.id)).map((e) => e.id);
  const query = new URLSearchParams({ journal: chosen.join(",") });
  if (experimentIds) query.set("experiments", experimentIds.join(","));
  if (objective) {
    query.set("metric", objective.metric);
    query.set("mode", objective.mode);
  }

  const toggle = (id: number) =>
    setExcluded((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="report-panel" aria-label="Report">
      <h3>Report</h3>
      <p className="muted">
        {experimentIds
          ? `${experimentIds.length} selected experiments`
          : "Starred and production experiments (select some to choose)"}
      </p>
      {entries.length === 0 ? (
        <p className="muted" data-testid="no-journal-entries">
          No journal entries yet.
        </p>
      ) : (
        <fieldset>
          <legend>Journal entries</legend>
          {entries.map((entry) => (
            <label key={entry.id}>
              <input
                type="checkbox"
                checked={!excluded.has(entry.id)}
                onChange={() => toggle(entry.id)}
              />{" "}
              {entry.day} {entry.body.slice(0, 40)}
            </label>
          ))}
        </fieldset>
      )}
      <button
        type="button"
        className="primary"
        onClick={() =>
          download.mutate({
            experiment_ids: experimentIds,
            journal_entry_ids: chosen,
            include_production: true,
            objective,
          })
        }
      >
        Download report
      </button>{" "}
      <Link to={`/projects/${projectId}/report?${query.toString()}`}>Open report page</Link>
      <ErrorNote error={download.error} />
    </section>
  );
}
