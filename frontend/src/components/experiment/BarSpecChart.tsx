import { scaleBand, scaleLinear } from "d3";
import { formatValue } from "../../lib/numbers";
import { ContinuousTicks } from "./ContinuousTicks";
import { experimentColor } from "./colors";
import { SPEC_MARGIN, SPEC_SIZE } from "./SpecFrame";
import { extentOf, specNumber, type BarSpec } from "./specs";

/** A `bar` artifact: a bar per category and series, side by side or stacked. */
export function BarSpecChart({ spec }: { spec: BarSpec }) {
  const w = SPEC_SIZE.width - SPEC_MARGIN.left - SPEC_MARGIN.right;
  const h = SPEC_SIZE.height - SPEC_MARGIN.top - SPEC_MARGIN.bottom;
  const horizontal = spec.orientation === "horizontal";
  const values = spec.series.map((s) => s.values.map(specNumber));
  const totals = spec.categories.map((_, c) =>
    values.reduce((sum, row) => sum + (Number.isFinite(row[c] ?? NaN) ? (row[c] ?? 0) : 0), 0),
  );
  const [low, high] = extentOf(spec.stacked ? totals : values.flat());
  const value = scaleLinear()
    .domain([Math.min(0, low), Math.max(0, high)])
    .range(horizontal ? [0, w] : [h, 0])
    .nice();
  const category = scaleBand<number>()
    .domain(spec.categories.map((_, c) => c))
    .range(horizontal ? [0, h] : [0, w])
    .padding(0.2);
  const inner = scaleBand<number>()
    .domain(spec.series.map((_, n) => n))
    .range([0, category.bandwidth()])
    .padding(0.05);

  const bars = [];
  for (let c = 0; c < spec.categories.length; c += 1) {
    let base = 0;
    for (let n = 0; n < spec.series.length; n += 1) {
      const v = values[n]?.[c] ?? NaN;
      if (!Number.isFinite(v)) continue;
      const [from, to] = spec.stacked ? [base, base + v] : [0, v];
      base = spec.stacked ? base + v : base;
      const along = (category(c) ?? 0) + (spec.stacked ? 0 : (inner(n) ?? 0));
      const thick = spec.stacked ? category.bandwidth() : inner.bandwidth();
      const [a, b] = [value(from), value(to)].toSorted((p, q) => p - q) as [number, number];
      const rect = horizontal
        ? { x: a, y: along, width: b - a, height: thick }
        : { x: along, y: a, width: thick, height: b - a };
      bars.push(
        <rect key={`${c}-${n}`} className="spec-bar" {...rect} fill={experimentColor(n)}>
          <title>{`${spec.series[n]?.name} · ${formatValue(spec.categories[c])}: ${v}`}</title>
        </rect>,
      );
    }
  }

  return (
    <svg width={SPEC_SIZE.width} height={SPEC_SIZE.height} role="img" aria-label="bar chart">
      <g transform={`translate(${SPEC_MARGIN.left},${SPEC_MARGIN.top})`}>
        <ContinuousTicks scale={value} orient={horizontal ? "bottom" : "left"} offset={h} />
        <g className="axis">
          {spec.categories.map((label, c) => {
            const mid = (category(c) ?? 0) + category.bandwidth() / 2;
            return horizontal ? (
              <text key={c} x={-6} y={mid} dy="0.32em" textAnchor="end">
                {formatValue(label)}
              </text>
            ) : (
              <text key={c} x={mid} y={h + 14} textAnchor="middle">
                {formatValue(label)}
              </text>
            );
          })}
        </g>
        {bars}
        <text className="axis-title" x={4} y={8}>
          {spec.y_label}
        </text>
        <text className="axis-title" x={w} y={h + 30} textAnchor="end">
          {spec.x_label}
        </text>
      </g>
    </svg>
  );
}
