import { curveStepAfter, line } from "d3";
import { useLayoutEffect, useMemo, useRef } from "react";
import { useBrushDrag } from "../../hooks/useBrushDrag";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import { metricKey } from "../../lib/dataset";
import { formatNumber } from "../../lib/numbers";
import { runProgress } from "../../lib/progress";
import { RUN_KEY, type ProjectData } from "../../lib/projectData";
import { SVG_POINT_LIMIT } from "../dashboard/palette";
import { drawPoints } from "../dashboard/pointCanvas";
import { progressFilters, progressLayer, progressScales } from "./progressGeometry";
import { BrushRect } from "../dashboard/BrushRect";

// The top margin holds the axis title, above the highest tick label rather than on it.
const MARGIN = { left: 52, right: 12, top: 24, bottom: 40 };
export const PROGRESS_SOURCE = "progress";

interface Props {
  project: ProjectData;
  width: number;
  height: number;
}

/** Run after run: each experiment's objective, each run's best and the best so far; brushable. */
export function ProgressChart({ project, width, height }: Props) {
  const store = useSelectionStore();
  const { mask, version } = useSelection();
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const scales = useMemo(() => progressScales(project, w, h), [project, w, h]);
  const layer = useMemo(() => progressLayer(project, scales), [project, scales]);
  const progress = useMemo(() => runProgress(project), [project]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const onCanvas = project.data.size > SVG_POINT_LIMIT;

  useLayoutEffect(() => {
    if (onCanvas && canvas.current) drawPoints(canvas.current, layer, mask);
  }, [onCanvas, layer, mask]);

  const objective = project.objective;
  const { rect, handlers } = useBrushDrag((drag) => {
    if (drag === null || !objective) return store.setBrush(PROGRESS_SOURCE, null);
    const { run, value } = progressFilters(scales, drag);
    store.setBrush(PROGRESS_SOURCE, { [RUN_KEY]: run, [metricKey(objective.metric)]: value });
  });

  const finite = progress.filter((row) => !Number.isNaN(row.bestSoFar));
  const sofar = line<(typeof progress)[number]>()
    .x((row) => scales.x(row.place))
    .y((row) => scales.y(row.bestSoFar))
    .curve(curveStepAfter)(finite);
  const dpr = typeof window === "undefined" ? 1 : Math.min(window.devicePixelRatio || 1, 2);
  const labelEvery = Math.ceil(progress.length / Math.max(1, Math.floor(w / 70)));

  return (
    <div
      className="chart progress-chart"
      style={{ width, height }}
      data-testid="progress-chart"
      data-view="progress"
      data-version={version}
    >
      {onCanvas && (
        <canvas
          ref={canvas}
          width={Math.round(w * dpr)}
          height={Math.round(h * dpr)}
          style={{ left: MARGIN.left, top: MARGIN.top, width: w, height: h }}
        />
      )}
      <svg width={width} height={height} role="img" aria-label="Progress run after run">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g className="axis">
            {scales.y.ticks(5).map((tick) => (
              <g key={tick} transform={`translate(0,${scales.y(tick)})`}>
                <line x2={w} className="grid" />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {formatNumber(tick)}
                </text>
              </g>
            ))}
            {progress.map((row) =>
              row.place % labelEvery === 0 ? (
                <text key={row.runId} x={scales.x(row.place)} y={h + 16} textAnchor="middle">
                  {row.name.length > 12 ? `${row.name.slice(0, 11)}…` : row.name}
                </text>
              ) : null,
            )}
            <text x={-MARGIN.left + 4} y={-14} className="axis-title">
              {objective ? `${objective.mode} ${objective.metric}` : "no objective"}
            </text>
          </g>
          {!onCanvas && (
            <g className="points">
              {Array.from(layer.x, (x, i) =>
                layer.missing[i] ? null : (
                  <circle
                    key={i}
                    cx={x}
                    cy={layer.y[i]}
                    r={mask?.[i] === 1 ? 4 : 3}
                    className={`point${mask === null ? "" : mask[i] === 1 ? " selected" : " unselected"}`}
                  />
                ),
              )}
            </g>
          )}
          {sofar && <path className="best-so-far" d={sofar} data-testid="best-so-far" />}
          {progress.map((row) =>
            Number.isNaN(row.best) ? null : (
              <path
                key={row.runId}
                className="run-best"
                d={`M${scales.x(row.place)},${scales.y(row.best) - 6}l6,6l-6,6l-6,-6z`}
              >
                <title>{`${row.name}: best ${formatNumber(row.best)}`}</title>
              </path>
            ),
          )}
          {rect && <BrushRect rect={rect} />}
          <rect className="overlay" width={w} height={h} fill="transparent" {...handlers} />
        </g>
      </svg>
    </div>
  );
}
