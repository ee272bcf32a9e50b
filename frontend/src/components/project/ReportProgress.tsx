import { line, scaleLinear } from "d3";
import type { ReportData } from "../../hooks/projectApi";
import { decodeFloat, formatNumber } from "../../lib/numbers";
import { numericDomain } from "../../lib/scales";

const SIZE = { width: 720, height: 220 };
const MARGIN = { left: 52, right: 10, top: 10, bottom: 24 };

/** The report's progress chart: sampled points per run, each run's best and the best so far. */
export function ReportProgress({ report }: { report: ReportData }) {
  const w = SIZE.width - MARGIN.left - MARGIN.right;
  const h = SIZE.height - MARGIN.top - MARGIN.bottom;
  const place = new Map(report.runs.map((run, k) => [run.id, k]));
  const values = report.progress.map((p) => p.value);
  const x = scaleLinear()
    .domain([0, Math.max(1, report.runs.length - 1)])
    .range([20, w - 20]);
  const y = scaleLinear().domain(numericDomain(values, false)).range([h, 0]).nice();
  const sofar = report.runs
    .map((run, k) => ({ k, v: decodeFloat(run.best_so_far) }))
    .filter((p) => Number.isFinite(p.v));
  const path = line<{ k: number; v: number }>()
    .x((p) => x(p.k))
    .y((p) => y(p.v))(sofar);

  return (
    <svg width={SIZE.width} height={SIZE.height} role="img" aria-label="Progress">
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {y.ticks(4).map((tick) => (
          <text key={tick} className="tick" x={-4} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatNumber(tick)}
          </text>
        ))}
        {report.runs.map((run, k) => (
          <text key={run.id} className="tick" x={x(k)} y={h + 16} textAnchor="middle">
            {run.name}
          </text>
        ))}
        {report.progress.map((p) => (
          <circle
            key={p.experiment_id}
            className="point"
            cx={x(place.get(p.run_id) ?? 0)}
            cy={y(p.value)}
            r={3}
          />
        ))}
        {path && <path className="best-so-far" d={path} />}
      </g>
    </svg>
  );
}
