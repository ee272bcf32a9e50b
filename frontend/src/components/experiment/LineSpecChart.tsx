import { line, scaleLinear, scaleLog } from "d3";
import { ContinuousTicks } from "./ContinuousTicks";
import { experimentColor } from "./colors";
import { extentOf, specNumber, type LineSpec } from "./specs";

export const SPEC_SIZE = { width: 440, height: 240 };
export const SPEC_MARGIN = { left: 56, right: 12, top: 10, bottom: 36 };

/** A d3 scale of the kind the spec asks for, over the finite (positive on log) values. */
export function specScale(kind: "linear" | "log" | undefined, values: number[], range: number[]) {
  if (kind === "log") {
    const domain = extentOf(
      values.filter((v) => v > 0),
      [1, 10],
    );
    return scaleLog().domain(domain).range(range);
  }
  return scaleLinear().domain(extentOf(values)).range(range).nice();
}

function ok(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0);
}

/** A `line` artifact: one curve per series over a numeric x (no epoch axis assumed). */
export function LineSpecChart({ spec }: { spec: LineSpec }) {
  const w = SPEC_SIZE.width - SPEC_MARGIN.left - SPEC_MARGIN.right;
  const h = SPEC_SIZE.height - SPEC_MARGIN.top - SPEC_MARGIN.bottom;
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
    <svg width={SPEC_SIZE.width} height={SPEC_SIZE.height} role="img" aria-label="line chart">
      <g transform={`translate(${SPEC_MARGIN.left},${SPEC_MARGIN.top})`}>
        <ContinuousTicks scale={x} orient="bottom" offset={h} />
        <ContinuousTicks scale={y} orient="left" />
        <text className="axis-title" x={w} y={h + 30} textAnchor="end">
          {spec.x_label}
        </text>
        <text className="axis-title" x={4} y={8}>
          {spec.y_label}
        </text>
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
      </g>
    </svg>
  );
}
