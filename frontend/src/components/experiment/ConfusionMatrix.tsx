import { interpolateBlues, scaleBand, scaleSequential } from "d3";
import { useMemo, useState } from "react";
import { formatNumber } from "../../lib/numbers";
import { PixelImage, pixelRange } from "./PixelImage";
import { cellExamples, type ConfusionSpec } from "./specs";

const MARGIN = { left: 56, top: 40 };
const CELL = 30;

type Cell = [number, number];

/** The confusion matrix as a heat map; hovering or clicking a cell shows its examples. */
export function ConfusionMatrix({ spec }: { spec: ConfusionSpec }) {
  const [hover, setHover] = useState<Cell | null>(null);
  const [pinned, setPinned] = useState<Cell | null>(null);
  const n = spec.labels.length;
  const side = n * CELL;
  const band = scaleBand<number>()
    .domain(spec.labels.map((_, i) => i))
    .range([0, side]);
  const high = Math.max(1e-9, ...spec.matrix.flat().filter(Number.isFinite));
  const color = scaleSequential(interpolateBlues).domain([0, high]);
  const range = useMemo(() => pixelRange(spec.pixel_range, allPixels(spec)), [spec]);
  const shown = hover ?? pinned;

  return (
    <div className="confusion" data-testid="confusion-matrix">
      <svg
        width={MARGIN.left + side + 8}
        height={MARGIN.top + side + 8}
        role="img"
        aria-label="Confusion matrix"
      >
        <text x={MARGIN.left + side / 2} y={12} textAnchor="middle" className="axis-title">
          predicted
        </text>
        <text
          transform={`translate(12,${MARGIN.top + side / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-title"
        >
          true
        </text>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {spec.labels.map((label, i) => (
            <g key={i} className="axis">
              <text x={(band(i) ?? 0) + CELL / 2} y={-6} textAnchor="middle">
                {label}
              </text>
              <text x={-6} y={(band(i) ?? 0) + CELL / 2} dy="0.32em" textAnchor="end">
                {label}
              </text>
            </g>
          ))}
          {spec.matrix.map((row, r) =>
            row.map((value, c) => {
              const active = shown?.[0] === r && shown[1] === c;
              return (
                <g key={`${r},${c}`} transform={`translate(${band(c)},${band(r)})`}>
                  <rect
                    className={`cell${active ? " active" : ""}`}
                    data-cell={`${r},${c}`}
                    width={CELL - 1}
                    height={CELL - 1}
                    fill={color(value)}
                    aria-label={`true ${spec.labels[r]} predicted ${spec.labels[c]}: ${value}`}
                    onPointerEnter={() => setHover([r, c])}
                    onPointerLeave={() => setHover(null)}
                    onClick={() => setPinned(active && pinned ? null : [r, c])}
                  />
                  {value !== 0 && (
                    <text
                      x={CELL / 2}
                      y={CELL / 2}
                      dy="0.32em"
                      textAnchor="middle"
                      className={value > high / 2 ? "on-dark" : ""}
                      pointerEvents="none"
                    >
                      {formatNumber(value)}
                    </text>
                  )}
                </g>
              );
            }),
          )}
        </g>
      </svg>
      {shown ? (
        <CellDetail spec={spec} cell={shown} range={range} />
      ) : (
        <p className="muted">Hover or click a cell to see its examples.</p>
      )}
    </div>
  );
}

interface DetailProps {
  spec: ConfusionSpec;
  cell: Cell;
  range: [number, number];
}

function CellDetail({ spec, cell: [r, c], range }: DetailProps) {
  const examples = cellExamples(spec, r, c);
  const count = spec.matrix[r]?.[c] ?? 0;
  const shape = spec.image_shape ?? [];
  return (
    <div className="cell-detail" data-testid="cell-detail">
      <p>
        true <strong>{spec.labels[r]}</strong>, predicted <strong>{spec.labels[c]}</strong>:{" "}
        <span data-testid="cell-count">{formatNumber(count)}</span>
        {examples.length > 0 && ` · ${examples.length} example${examples.length > 1 ? "s" : ""}`}
      </p>
      <div className="examples">
        {examples.map((example, i) => (
          <figure key={example.id ?? i} className="example" data-testid="example">
            {example.pixels && shape.length >= 2 && (
              <PixelImage
                pixels={example.pixels}
                shape={shape}
                range={range}
                label={`example ${example.id ?? i}`}
              />
            )}
            <figcaption>
              {example.caption ?? (example.id !== undefined ? `#${example.id}` : "")}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

function allPixels(spec: ConfusionSpec): number[][] {
  return Object.values(spec.examples ?? {}).flatMap((list) => list.map((e) => e.pixels ?? []));
}
