import { extent, line, scaleLinear, schemeTableau10 } from "d3";
import { useCurves } from "../../hooks/projectApi";
import { decodeFloat, formatNumber } from "../../lib/numbers";

const SIZE = { width: 320, height: 180 };
const MARGIN = { left: 44, right: 8, top: 8, bottom: 20 };

export interface Series {
  id: number;
  points: { x: number; y: number }[];
}

/** One metric's curves of several experiments on shared axes. */
export function CurveChart({ name, series }: { name: string; series: Series[] }) {
  const w = SIZE.width - MARGIN.left - MARGIN.right;
  const h = SIZE.height - MARGIN.top - MARGIN.bottom;
  const all = series.flatMap((s) => s.points);
  const [x0 = 0, x1 = 1] = extent(all, (p) => p.x);
  const [y0 = 0, y1 = 1] = extent(all, (p) => p.y);
  const x = scaleLinear()
    .domain([x0, x1 === x0 ? x0 + 1 : x1])
    .range([0, w]);
  const y = scaleLinear()
    .domain([y0, y1 === y0 ? y0 + 1 : y1])
    .range([h, 0])
    .nice();
  const path = line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));

  return (
    <figure className="curve" data-testid={`curve-${name}`}>
      <figcaption>{name}</figcaption>
      <svg width={SIZE.width} height={SIZE.height} role="img" aria-label={`${name} curves`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g className="axis">
            {y.ticks(4).map((tick) => (
              <text key={tick} x={-4} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatNumber(tick)}
              </text>
            ))}
            <text x={w} y={h + 16} textAnchor="end">
              step
            </text>
          </g>
          {series.map((s, k) => (
            <path
              key={s.id}
              className="curve-line"
              d={path(s.points) ?? ""}
              stroke={schemeTableau10[k % 10]}
              fill="none"
            />
          ))}
        </g>
      </svg>
    </figure>
  );
}

/** Fetch one metric's history for each experiment (downsampled) and overlay the curves. */
export function CurveOverlay({ name, ids }: { name: string; ids: number[] }) {
  const answers = useCurves(ids, name);
  const series = answers.map((answer, k) => ({
    id: ids[k] ?? k,
    points: (answer.data?.points ?? [])
      .map((p, index) => ({ x: p.step ?? index, y: decodeFloat(p.value) }))
      .filter((p) => Number.isFinite(p.y)),
  }));
  return <CurveChart name={name} series={series} />;
}
