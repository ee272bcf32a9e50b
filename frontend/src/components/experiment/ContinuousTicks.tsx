import type { ScaleContinuousNumeric } from "d3";
import { formatNumber } from "../../lib/numbers";

interface Props {
  scale: ScaleContinuousNumeric<number, number>;
  orient: "bottom" | "left";
  /** Where a bottom axis sits (the plot's height). */
  offset?: number;
  count?: number;
  /** Whole numbers only (epochs, record positions). */
  integer?: boolean;
}

/** Ticks of a d3 linear or log scale, drawn by React. */
export function ContinuousTicks({ scale, orient, offset = 0, count = 4, integer }: Props) {
  const ticks = scale.ticks(count).filter((tick) => !integer || Number.isInteger(tick));
  if (orient === "bottom") {
    return (
      <g className="axis" transform={`translate(0,${offset})`}>
        {ticks.map((tick) => (
          <g key={tick} transform={`translate(${scale(tick)},0)`}>
            <line y2={4} />
            <text y={14} textAnchor="middle">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
      </g>
    );
  }
  return (
    <g className="axis">
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(0,${scale(tick)})`}>
          <line x2={-4} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}
