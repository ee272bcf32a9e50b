import { useLayoutEffect, useMemo, useRef } from "react";
import { useBrushDrag } from "../../hooks/useBrushDrag";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import { isPresent, type Dataset, type Dim } from "../../lib/dataset";
import { formatValue } from "../../lib/numbers";
import { makeAxis, numericDomain } from "../../lib/scales";
import { AxisTicks } from "./AxisTicks";
import { drawBars, type BarLayer } from "./pointCanvas";
import { COLORS, MISSING_STRIP, SVG_POINT_LIMIT } from "./palette";

const MARGIN = { left: 44, right: 6, top: 18, bottom: 6 };

export const barsSource = (metric: Dim): string => `bars:${metric.key}`;

interface ChartProps {
  data: Dataset;
  metric: Dim;
  width: number;
  height: number;
}

/** One small multiple: a bar per experiment (in launch order) on this metric's own scale. */
export function MetricBarChart({ data, metric, width, height }: ChartProps) {
  const store = useSelectionStore();
  const { state, mask, version } = useSelection();
  const source = barsSource(metric);
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;

  // Bars are lengths, so the axis always reaches zero.
  const withZero = useMemo(() => {
    const [lo, hi] = numericDomain(metric.numbers, false);
    return {
      ...metric,
      numbers: Float64Array.from([...metric.numbers, Math.min(lo, 0), Math.max(hi, 0)]),
    };
  }, [metric]);
  const yAxis = useMemo(() => makeAxis(withZero, [h - MISSING_STRIP, 0]), [withZero, h]);
  const bars = useMemo((): BarLayer => {
    const step = w / Math.max(data.size, 1);
    const baseline = yAxis.at(0);
    const layer = {
      x: new Float32Array(data.size),
      top: new Float32Array(data.size),
      missing: new Uint8Array(data.size),
      width: Math.max(step * 0.8, 1),
      baseline,
    };
    for (let i = 0; i < data.size; i += 1) {
      layer.x[i] = i * step + step * 0.1;
      layer.missing[i] = isPresent(metric, i) ? 0 : 1;
      layer.top[i] = layer.missing[i] ? baseline : yAxis.at(metric.numbers[i] ?? 0);
    }
    return layer;
  }, [data.size, metric, w, yAxis]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const onCanvas = data.size > SVG_POINT_LIMIT;
  useLayoutEffect(() => {
    if (onCanvas && canvas.current) drawBars(canvas.current, bars, mask);
  }, [onCanvas, bars, mask]);

  const { rect, handlers } = useBrushDrag((drag) => {
    const filter = drag && yAxis.filterFor(drag.y0, drag.y1);
    store.setBrush(source, filter ? { [metric.key]: filter } : null);
  });
  const stored = state.brushes[source]?.[metric.key];
  const band: [number, number] | null = rect
    ? [rect.y0, rect.y1]
    : stored
      ? yAxis.pixelsOf(stored)
      : null;

  return (
    <div
      className="chart bars"
      style={{ width, height }}
      data-testid={`bars-${metric.name}`}
      data-view="bars"
      data-version={version}
    >
      {onCanvas && (
        <canvas
          ref={canvas}
          width={Math.round(w)}
          height={Math.round(h)}
          style={{ left: MARGIN.left, top: MARGIN.top, width: w, height: h }}
        />
      )}
      <svg width={width} height={height} role="img" aria-label={`${metric.name} per experiment`}>
        <text className="chart-title" x={MARGIN.left} y={12}>
          {metric.name}
        </text>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <rect
            className="missing-strip"
            x={0}
            y={h - MISSING_STRIP}
            width={w}
            height={MISSING_STRIP}
          />
          <AxisTicks axis={yAxis} orient="left" offset={0} count={3} />
          {!onCanvas &&
            Array.from(bars.x, (x, i) => {
              const missing = bars.missing[i] === 1;
              const look = mask === null ? "" : mask[i] === 1 ? " selected" : " unselected";
              if (missing) {
                return (
                  <rect
                    key={i}
                    className={`bar missing${look}`}
                    x={x}
                    y={h - MISSING_STRIP + 3}
                    width={bars.width}
                    height={6}
                    fill={COLORS.missing}
                  />
                );
              }
              const top = bars.top[i] ?? 0;
              return (
                <rect
                  key={i}
                  className={`bar${look}`}
                  x={x}
                  y={Math.min(top, bars.baseline)}
                  width={bars.width}
                  height={Math.max(Math.abs(bars.baseline - top), 1)}
                >
                  <title>{`#${data.ids[i]}: ${formatValue(metric.numbers[i])}`}</title>
                </rect>
              );
            })}
          {band && (
            <rect
              className="brush"
              x={0}
              width={w}
              y={Math.min(band[0], band[1])}
              height={Math.abs(band[1] - band[0])}
              fill={COLORS.brush}
            />
          )}
          <rect className="overlay" width={w} height={h} fill="transparent" {...handlers} />
        </g>
      </svg>
    </div>
  );
}

interface Props {
  data: Dataset;
  metrics: Dim[];
  shown: Set<string>;
  onToggle: (key: string) => void;
}

/** The legend (toggles which metrics show, here and in the scatter grid) and the bar charts. */
export function MetricBars({ data, metrics, shown, onToggle }: Props) {
  return (
    <section className="metric-bars">
      <div className="legend" role="group" aria-label="Metrics shown">
        {metrics.map((metric) => (
          <label key={metric.key} className={shown.has(metric.key) ? "on" : "off"}>
            <input
              type="checkbox"
              checked={shown.has(metric.key)}
              onChange={() => onToggle(metric.key)}
            />
            {metric.name}
          </label>
        ))}
      </div>
      <div className="small-multiples">
        {metrics
          .filter((metric) => shown.has(metric.key))
          .map((metric) => (
            <MetricBarChart key={metric.key} data={data} metric={metric} width={260} height={130} />
          ))}
      </div>
    </section>
  );
}
