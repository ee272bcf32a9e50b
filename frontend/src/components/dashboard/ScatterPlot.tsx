import { useLayoutEffect, useMemo, useRef } from "react";
import { useBrushDrag, type DragRect } from "../../hooks/useBrushDrag";
import type { Dataset, Dim } from "../../lib/dataset";
import { jitterTable, makeAxis, type Axis } from "../../lib/scales";
import type { Brush } from "../../lib/selection";
import { AxisTicks } from "./AxisTicks";
import { drawPoints, type PointLayer } from "./pointCanvas";
import { MISSING_STRIP, SVG_POINT_LIMIT } from "./palette";
import { BrushRect } from "./BrushRect";

const MARGIN = { left: 40, right: 10, top: 6, bottom: 22 };
const INSET = 6;

interface Props {
  data: Dataset;
  x: Dim;
  y: Dim;
  mask: Uint8Array | null;
  version: number;
  brush: Brush | undefined;
  onBrush: (brush: Brush | null) => void;
  width: number;
  height: number;
}

/** Where each experiment sits; missing values go to the strip beside their axis. */
function layout(x: Dim, xAxis: Axis, yAxis: Axis, plotHeight: number): PointLayer {
  const xs = xAxis.positions();
  const ys = yAxis.positions();
  const size = xs.length;
  const layer = {
    x: new Float32Array(size),
    y: new Float32Array(size),
    missing: new Uint8Array(size),
  };
  const spread = x.discrete ? Math.min(6, xAxis.bandwidth ? xAxis.bandwidth * 0.3 : 4) : 0;
  const offsets = jitterTable(size);
  for (let i = 0; i < size; i += 1) {
    const px = xs[i] ?? NaN;
    const py = ys[i] ?? NaN;
    const missing = Number.isNaN(px) || Number.isNaN(py);
    layer.x[i] = Number.isNaN(px) ? MISSING_STRIP / 2 : px + spread * (offsets[i] ?? 0);
    layer.y[i] = Number.isNaN(py) ? plotHeight - MISSING_STRIP / 2 : py;
    layer.missing[i] = missing ? 1 : 0;
  }
  return layer;
}

function brushRect(
  brush: Brush | undefined,
  x: Dim,
  y: Dim,
  xAxis: Axis,
  yAxis: Axis,
  w: number,
  h: number,
): DragRect | null {
  if (!brush) return null;
  const xFilter = brush[x.key];
  const yFilter = brush[y.key];
  const xs: [number, number] | null = xFilter ? xAxis.pixelsOf(xFilter) : [0, w];
  const ys: [number, number] | null = yFilter ? yAxis.pixelsOf(yFilter) : [0, h];
  if (!xs || !ys) return null;
  return { x0: xs[0], x1: xs[1], y0: ys[0], y1: ys[1] };
}

function pointClass(mask: Uint8Array | null, missing: boolean, i: number): string {
  const state = mask === null ? "" : mask[i] === 1 ? " selected" : " unselected";
  return `point${state}${missing ? " missing" : ""}`;
}

/** One cell of the scatter grid: a hyperparameter (x) against a metric (y), brushable. */
export function ScatterPlot({ data, x, y, mask, version, brush, onBrush, width, height }: Props) {
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  // Inset from the edges, so points at the ends of a domain are drawn whole.
  const xAxis = useMemo(() => makeAxis(x, [MISSING_STRIP + INSET, w - INSET]), [x, w]);
  const yAxis = useMemo(() => makeAxis(y, [h - MISSING_STRIP - INSET, INSET]), [y, h]);
  const layer = useMemo(() => layout(x, xAxis, yAxis, h), [x, xAxis, yAxis, h]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const onCanvas = data.size > SVG_POINT_LIMIT;

  useLayoutEffect(() => {
    if (onCanvas && canvas.current) drawPoints(canvas.current, layer, mask);
  }, [onCanvas, layer, mask]);

  const { rect: dragging, handlers } = useBrushDrag((rect) => {
    if (rect === null) return onBrush(null);
    const xFilter = xAxis.filterFor(rect.x0, rect.x1);
    const yFilter = yAxis.filterFor(rect.y0, rect.y1);
    onBrush(xFilter && yFilter ? { [x.key]: xFilter, [y.key]: yFilter } : null);
  });
  const shown = dragging ?? brushRect(brush, x, y, xAxis, yAxis, w, h);
  const dpr = typeof window === "undefined" ? 1 : Math.min(window.devicePixelRatio || 1, 2);

  return (
    <div
      className="chart scatter"
      style={{ width, height }}
      data-testid={`scatter-${x.name}-${y.name}`}
      data-view="scatter"
      data-version={version}
      data-selected={mask === null ? "" : String(countOf(mask))}
    >
      {onCanvas && (
        <canvas
          ref={canvas}
          width={Math.round(w * dpr)}
          height={Math.round(h * dpr)}
          style={{ left: MARGIN.left, top: MARGIN.top, width: w, height: h }}
        />
      )}
      <svg width={width} height={height} role="img" aria-label={`${y.name} against ${x.name}`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <rect
            className="missing-strip"
            x={0}
            y={h - MISSING_STRIP}
            width={w}
            height={MISSING_STRIP}
          />
          <rect className="missing-strip" x={0} y={0} width={MISSING_STRIP} height={h} />
          <AxisTicks axis={xAxis} orient="bottom" offset={h} count={3} />
          <AxisTicks axis={yAxis} orient="left" offset={0} count={3} />
          {!onCanvas && <SvgPoints layer={layer} mask={mask} />}
          {shown && <BrushRect rect={shown} />}
          <rect className="overlay" width={w} height={h} fill="transparent" {...handlers} />
        </g>
      </svg>
    </div>
  );
}

function SvgPoints({ layer, mask }: { layer: PointLayer; mask: Uint8Array | null }) {
  const items = [];
  // Selected points last, so they are drawn on top.
  const order = Array.from(layer.x, (_, i) => i).toSorted(
    (a, b) => (mask?.[a] ?? 0) - (mask?.[b] ?? 0),
  );
  for (const i of order) {
    const missing = layer.missing[i] === 1;
    const cx = layer.x[i] ?? 0;
    const cy = layer.y[i] ?? 0;
    items.push(
      missing ? (
        <path
          key={i}
          className={pointClass(mask, true, i)}
          d={`M${cx - 3},${cy - 3}l6,6m0,-6l-6,6`}
        />
      ) : (
        <circle
          key={i}
          className={pointClass(mask, false, i)}
          cx={cx}
          cy={cy}
          r={mask?.[i] === 1 ? 4 : 3}
        />
      ),
    );
  }
  return <g className="points">{items}</g>;
}

function countOf(mask: Uint8Array): number {
  let count = 0;
  for (const bit of mask) count += bit;
  return count;
}
