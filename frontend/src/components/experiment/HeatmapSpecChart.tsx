import { interpolateViridis, scaleBand, scaleSequential, scaleSequentialLog } from "d3";
import { formatNumber, formatValue } from "../../lib/numbers";
import { extentOf, specNumber, type HeatmapSpec } from "./specs";

const CELL = 28;
const MARGIN = { left: 80, top: 10, bottom: 40 };

/** A `heatmap` artifact: values[row][column], gaps grey, colour scale linear or log. */
export function HeatmapSpecChart({ spec }: { spec: HeatmapSpec }) {
  const values = spec.values.map((row) => row.map(specNumber));
  const log = spec.color_scale === "log";
  const finite = values.flat().filter((v) => Number.isFinite(v) && (!log || v > 0));
  const domain = extentOf(finite, log ? [1, 10] : [0, 1]);
  const color = log
    ? scaleSequentialLog(interpolateViridis).domain(domain)
    : scaleSequential(interpolateViridis).domain(domain);
  const cols = scaleBand<number>()
    .domain(spec.x_labels.map((_, i) => i))
    .range([0, spec.x_labels.length * CELL]);
  const rows = scaleBand<number>()
    .domain(spec.y_labels.map((_, i) => i))
    .range([0, spec.y_labels.length * CELL]);
  const width = MARGIN.left + spec.x_labels.length * CELL + 10;
  const height = MARGIN.top + spec.y_labels.length * CELL + MARGIN.bottom;

  return (
    <svg width={width} height={height} role="img" aria-label="heat map">
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {values.map((row, r) =>
          row.map((v, c) => {
            const ok = Number.isFinite(v) && (!log || v > 0);
            return (
              <rect
                key={`${r},${c}`}
                className={`cell${ok ? "" : " missing"}`}
                x={cols(c)}
                y={rows(r)}
                width={CELL - 1}
                height={CELL - 1}
                fill={ok ? color(v) : "#d9d9d9"}
              >
                <title>
                  {`${formatValue(spec.y_labels[r])} × ${formatValue(spec.x_labels[c])}: ` +
                    formatNumber(v)}
                </title>
              </rect>
            );
          }),
        )}
        <g className="axis">
          {spec.y_labels.map((label, r) => (
            <text key={r} x={-6} y={(rows(r) ?? 0) + CELL / 2} dy="0.32em" textAnchor="end">
              {formatValue(label)}
            </text>
          ))}
          {spec.x_labels.map((label, c) => (
            <text
              key={c}
              x={(cols(c) ?? 0) + CELL / 2}
              y={spec.y_labels.length * CELL + 14}
              textAnchor="middle"
            >
              {formatValue(label)}
            </text>
          ))}
        </g>
        <text className="axis-title" x={0} y={spec.y_labels.length * CELL + 32}>
          {[spec.x_label, spec.y_label && `rows: ${spec.y_label}`, spec.value_label]
            .filter(Boolean)
            .join(" · ")}
        </text>
      </g>
    </svg>
  );
}
