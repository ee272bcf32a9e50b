import { memo } from "react";
import type { Axis } from "../../lib/scales";

interface Props {
  axis: Axis;
  orient: "bottom" | "left";
  /** Length of the plot along the other direction (where a bottom axis sits). */
  offset: number;
  count?: number;
}

/** Tick marks and labels of one axis, drawn by React from the axis' math. */
export const AxisTicks = memo(function AxisTicks({ axis, orient, offset, count = 4 }: Props) {
  const ticks = axis.ticks(count);
  if (orient === "bottom") {
    return (
      <g className="axis" transform={`translate(0,${offset})`}>
        {ticks.map((tick, i) => (
          <g key={i} transform={`translate(${tick.position},0)`}>
            <line y2={4} />
            <text y={14} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
      </g>
    );
  }
  return (
    <g className="axis">
      {ticks.map((tick, i) => (
        <g key={i} transform={`translate(0,${tick.position})`}>
          <line x2={-4} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
});
