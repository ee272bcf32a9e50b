import { ContinuousTicks } from "./ContinuousTicks";
import { experimentColor } from "./colors";
import { SPEC_MARGIN, SPEC_SIZE, specScale } from "./LineSpecChart";
import type { ScatterSpec } from "./specs";

/** A `scatter` artifact: points (x, y), one colour per series, optional labels and sizes. */
export function ScatterSpecChart({ spec }: { spec: ScatterSpec }) {
  const w = SPEC_SIZE.width - SPEC_MARGIN.left - SPEC_MARGIN.right;
  const h = SPEC_SIZE.height - SPEC_MARGIN.top - SPEC_MARGIN.bottom;
  const x = specScale(
    spec.x_scale,
    spec.series.flatMap((s) => s.x),
    [0, w],
  );
  const y = specScale(
    spec.y_scale,
    spec.series.flatMap((s) => s.y),
    [h, 0],
  );
  const maxSize = Math.max(1, ...spec.series.flatMap((s) => s.sizes ?? []));

  return (
    <svg width={SPEC_SIZE.width} height={SPEC_SIZE.height} role="img" aria-label="scatter chart">
      <g transform={`translate(${SPEC_MARGIN.left},${SPEC_MARGIN.top})`}>
        <ContinuousTicks scale={x} orient="bottom" offset={h} />
        <ContinuousTicks scale={y} orient="left" />
        <text className="axis-title" x={w} y={h + 30} textAnchor="end">
          {spec.x_label}
        </text>
        <text className="axis-title" x={4} y={8}>
          {spec.y_label}
        </text>
        {spec.series.map((series, n) => (
          <g key={series.name} className="series" data-series={series.name}>
            {series.x.map((xv, i) => {
              const yv = series.y[i] ?? NaN;
              if (!Number.isFinite(xv) || !Number.isFinite(yv)) return null;
              const size = series.sizes?.[i];
              const r = size === undefined ? 3 : 2 + 6 * Math.sqrt(size / maxSize);
              return (
                <circle
                  key={i}
                  className="spec-point"
                  cx={x(xv)}
                  cy={y(yv)}
                  r={r}
                  fill={experimentColor(n)}
                  fillOpacity={0.75}
                >
                  <title>{series.labels?.[i] ?? `${series.name}: ${xv}, ${yv}`}</title>
                </circle>
              );
            })}
          </g>
        ))}
      </g>
    </svg>
  );
}
