import { experimentColor } from "./colors";
import { SPEC_PLOT, SpecFrame, specScale } from "./SpecFrame";
import type { ScatterSpec } from "./specs";

/** A `scatter` artifact: points (x, y), one colour per series, optional labels and sizes. */
export function ScatterSpecChart({ spec }: { spec: ScatterSpec }) {
  const { width: w, height: h } = SPEC_PLOT;
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
    <SpecFrame label="scatter chart" x={x} y={y} xLabel={spec.x_label} yLabel={spec.y_label}>
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
    </SpecFrame>
  );
}
