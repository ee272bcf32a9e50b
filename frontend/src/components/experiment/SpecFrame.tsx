import type { ReactNode } from "react";
import { scaleLinear, scaleLog } from "d3";
import { ContinuousTicks } from "./ContinuousTicks";
import { extentOf } from "./specs";

export const SPEC_SIZE = { width: 440, height: 240 };
export const SPEC_MARGIN = { left: 56, right: 12, top: 10, bottom: 36 };
/** The plot area of a spec chart, inside its margins. */
export const SPEC_PLOT = {
  width: SPEC_SIZE.width - SPEC_MARGIN.left - SPEC_MARGIN.right,
  height: SPEC_SIZE.height - SPEC_MARGIN.top - SPEC_MARGIN.bottom,
};

type Scale = ReturnType<typeof specScale>;

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

interface Props {
  label: string;
  x: Scale;
  y: Scale;
  xLabel: string | undefined;
  yLabel: string | undefined;
  children: ReactNode;
}

/** The frame every x-y spec chart shares: the svg, both axes and their titles. */
export function SpecFrame({ label, x, y, xLabel, yLabel, children }: Props) {
  const { width: w, height: h } = SPEC_PLOT;
  return (
    <svg width={SPEC_SIZE.width} height={SPEC_SIZE.height} role="img" aria-label={label}>
      <g transform={`translate(${SPEC_MARGIN.left},${SPEC_MARGIN.top})`}>
        <ContinuousTicks scale={x} orient="bottom" offset={h} />
        <ContinuousTicks scale={y} orient="left" />
        <text className="axis-title" x={w} y={h + 30} textAnchor="end">
          {xLabel}
        </text>
        <text className="axis-title" x={4} y={8}>
          {yLabel}
        </text>
        {children}
      </g>
    </svg>
  );
}
