import { useReportData } from "../../hooks/projectApi";
import { compareRows } from "../../lib/compare";
import { formatValue } from "../../lib/numbers";
import { ErrorNote } from "../common/ErrorNote";
import { ConfusionHeatmap } from "./ConfusionHeatmap";
import { CurveOverlay } from "./CurveOverlay";

interface Props {
  projectId: number;
  ids: number[];
  onClose: () => void;
}

/** Two or more experiments side by side: values (differences marked), metrics, curves, matrices. */
export function ComparePanel({ projectId, ids, onClose }: Props) {
  const report = useReportData(projectId, {
    experimentIds: ids,
    journalIds: [],
    objective: null,
  });
  const found = report.data?.experiments ?? [];
  const experiments = ids.flatMap((id) => found.filter((e) => e.id === id));
  const params = report.data?.param_names ?? [];
  const metrics = report.data?.metric_names ?? [];
  const paramRows = compareRows(params, (n, c) => experiments[c]?.params[n], experiments.length);
  const stat = (name: string, c: number) => {
    const m = experiments[c]?.metrics[name];
    return m ? `${formatValue(m.last)} (${formatValue(m.min)}–${formatValue(m.max)})` : null;
  };
  const metricRows = compareRows(metrics, stat, experiments.length);

  return (
    <section className="compare" aria-label="Compare">
      <header className="page-head">
        <h3>Compare {ids.length} experiments</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <ErrorNote error={report.error} />
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th />
            {experiments.map((e) => (
              <th key={e.id}>
                #{e.id} · {e.run_name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...paramRows, ...metricRows].map((row, k) => (
            <tr key={`${k}-${row.name}`} className={row.differs ? "differs" : ""}>
              <th>{k < paramRows.length ? row.name : `${row.name} last (min–max)`}</th>
              {row.values.map((value, c) => (
                <td key={c}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="curves">
        {metrics.map((name) => (
          <CurveOverlay key={name} name={name} ids={ids} />
        ))}
      </div>
      <div className="confusions">
        {ids.map((id) => (
          <ConfusionHeatmap key={id} experimentId={id} />
        ))}
      </div>
    </section>
  );
}
