import { line, scaleLinear } from "d3";
import { useState, type PointerEvent } from "react";
import { useBrushDrag } from "../../hooks/useBrushDrag";
import { formatNumber } from "../../lib/numbers";
import { ContinuousTicks } from "./ContinuousTicks";
import { nearestIndex, xExtent, yExtent, type Curve } from "./curves";

const MARGIN = { left: 52, right: 12, top: 8, bottom: 30 };

/** One experiment's curve of the metric, with how the legend names it. */
export interface CurveLine {
  key: string;
  label: string;
  color: string;
  curve: Curve;
}

interface Props {
  name: string;
  lines: CurveLine[];
  width?: number;
  height?: number;
  /** Told the zoomed x range (null on reset), to fetch full detail there. */
  onZoom?: (range: [number, number] | null) => void;
}

const X_TITLES = { epoch: "epoch", step: "step", index: "record" } as const;

/** One metric on its own scale: a line per experiment, legend toggles, drag-zoom, read-out. */
export function CurveChart({ name, lines, width = 440, height = 220, onZoom }: Props) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [zoom, setZoomState] = useState<[number, number] | null>(null);
  const setZoom = (range: [number, number] | null) => {
    setZoomState(range);
    onZoom?.(range);
  };
  const [hoverX, setHoverX] = useState<number | null>(null);
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;

  const shown = lines.filter((l) => !hidden.has(l.key));
  const curves = shown.map((l) => l.curve);
  const [x0, x1] = zoom ?? xExtent(curves);
  const x = scaleLinear().domain([x0, x1]).range([0, w]);
  const y = scaleLinear()
    .domain(yExtent(curves, x0, x1))
    .range([h, 0])
    .nice();

  const { rect, handlers } = useBrushDrag((drag) => {
    if (drag === null || Math.abs(drag.x1 - drag.x0) < 4) return;
    const [a, b] = [x.invert(drag.x0), x.invert(drag.x1)].toSorted((p, q) => p - q);
    setZoom([a ?? x0, b ?? x1]);
  });
  const onMove = (event: PointerEvent<SVGRectElement>) => {
    handlers.onPointerMove(event);
    const box = event.currentTarget.getBoundingClientRect();
    setHoverX(x.invert(event.clientX - box.left));
  };
  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const axis = lines[0]?.curve.axis ?? "index";
  const clip = `clip-${name.replace(/[^\w-]/g, "_")}`;
  return (
    <figure
      className="curve-chart"
      data-testid={`curve-${name}`}
      data-zoomed={zoom !== null}
      data-points={curves.reduce((sum, curve) => sum + curve.xs.length, 0)}
    >
      <figcaption>
        <strong>{name}</strong>
        <Legend lines={lines} hidden={hidden} onToggle={toggle} />
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={`${name} by ${X_TITLES[axis]}`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <ContinuousTicks scale={x} orient="bottom" offset={h} integer={axis !== "step"} />
          <ContinuousTicks scale={y} orient="left" />
          <text className="axis-title" x={w} y={h + 26} textAnchor="end">
            {X_TITLES[axis]}
          </text>
          <clipPath id={clip}>
            <rect width={w} height={h} />
          </clipPath>
          <g clipPath={`url(#${clip})`}>
            {shown.map((l) => (
              <CurvePath key={l.key} line={l} x={x} y={y} />
            ))}
          </g>
          {rect && (
            <rect
              className="brush"
              x={Math.min(rect.x0, rect.x1)}
              width={Math.abs(rect.x1 - rect.x0)}
              height={h}
            />
          )}
          {hoverX !== null && <line className="hover-rule" x1={x(hoverX)} x2={x(hoverX)} y2={h} />}
          <rect
            className="overlay"
            width={w}
            height={h}
            fill="transparent"
            onPointerDown={handlers.onPointerDown}
            onPointerUp={handlers.onPointerUp}
            onPointerMove={onMove}
            onPointerLeave={() => setHoverX(null)}
            onDoubleClick={() => setZoom(null)}
          />
        </g>
      </svg>
      <ReadOut lines={shown} x={hoverX} />
    </figure>
  );
}

type Scale = ReturnType<typeof scaleLinear<number, number>>;

function CurvePath({ line: l, x, y }: { line: CurveLine; x: Scale; y: Scale }) {
  const { xs, ys } = l.curve;
  const d = line<number>()
    .defined((i) => Number.isFinite(ys[i] ?? NaN))
    .x((i) => x(xs[i] ?? 0))
    .y((i) => y(ys[i] ?? 0))(xs.map((_, i) => i));
  const lone = xs.length === 1 && Number.isFinite(ys[0] ?? NaN);
  return (
    <g className="curve" data-experiment={l.key}>
      <path d={d ?? ""} fill="none" stroke={l.color} strokeWidth={1.5} />
      {lone && <circle cx={x(xs[0] ?? 0)} cy={y(ys[0] ?? 0)} r={3} fill={l.color} />}
    </g>
  );
}

interface LegendProps {
  lines: CurveLine[];
  hidden: Set<string>;
  onToggle: (key: string) => void;
}

function Legend({ lines, hidden, onToggle }: LegendProps) {
  return (
    <span className="legend">
      {lines.map((l) => (
        <button
          key={l.key}
          type="button"
          className="legend-item"
          aria-pressed={!hidden.has(l.key)}
          onClick={() => onToggle(l.key)}
        >
          <span className="swatch" style={{ background: l.color }} /> {l.label}
        </button>
      ))}
    </span>
  );
}

function ReadOut({ lines, x }: { lines: CurveLine[]; x: number | null }) {
  if (x === null || lines.length === 0) return <p className="readout muted">hover to read</p>;
  const parts = lines.map((l) => {
    const i = nearestIndex(l.curve.xs, x);
    if (i < 0) return `${l.label}: —`;
    return `${l.label}: ${formatNumber(l.curve.ys[i] ?? NaN)} @ ${l.curve.xs[i]}`;
  });
  return (
    <p className="readout" data-testid="readout">
      {parts.join(" · ")}
    </p>
  );
}
