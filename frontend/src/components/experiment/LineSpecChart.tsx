import { line } from "d3";
import { experimentColor } from "./colors";
import { SPEC_PLOT, SpecFrame, specScale } from "./SpecFrame";
import { specNumber, type LineSpec } from "./specs";

function ok(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0);
}

/** A `line` artifact: one curve per series over a numeric x (no epoch axis assumed). */
export function LineSpecChart({ spec }: { spec: LineSpec }) {
  const { width: w, height: h } = SPEC_PLOT;
  const x = specScale(
    spec.x_scale,
    spec.series.flatMap((s) => s.x),
    [0, w],
  );
  const y = specScale(
    spec.y_scale,
    spec.series.flatMap((s) => s.y.map(specNumber)),
    [h, 0],
  );

  return (
    <SpecFrame label="line chart" x={x} y={y} xLabel={spec.x_label} yLabel={spec.y_label}>
      {spec.series.map((series, n) => {
        const ys = series.y.map(specNumber);
        const d = line<number>()
          .defined((i) => ok(ys[i] ?? NaN, spec.y_scale === "log"))
          .x((i) => x(series.x[i] ?? 0))
          .y((i) => y(ys[i] ?? 0))(series.x.map((_, i) => i));
        return (
          <g key={series.name} className="series" data-series={series.name}>
            <path d={d ?? ""} fill="none" stroke={experimentColor(n)} strokeWidth={1.5} />
            {series.x.map((xv, i) =>
              ok(ys[i] ?? NaN, spec.y_scale === "log") ? (
                <circle
                  key={i}
                  className="spec-point"
                  cx={x(xv)}
                  cy={y(ys[i] ?? 0)}
                  r={3}
                  fill={experimentColor(n)}
                >
                  <title>{`${series.name}: ${xv}, ${ys[i]}`}</title>
                </circle>
              ) : null,
            )}
          </g>
        );
      })}
      {(spec.annotations ?? []).map((note, i) => (
        <g key={i} className="annotation">
          {note.x !== undefined && (
            <line x1={x(note.x)} x2={x(note.x)} y1={0} y2={h} strokeDasharray="4 3" />
          )}
          {note.y !== undefined && (
            <line x1={0} x2={w} y1={y(note.y)} y2={y(note.y)} strokeDasharray="4 3" />
          )}
          <text
            x={note.x !== undefined ? x(note.x) + 4 : 4}
            y={note.y !== undefined ? y(note.y) - 4 : 12}
          >
            {note.label}
          </text>
        </g>
      ))}
    </SpecFrame>
  );
}
