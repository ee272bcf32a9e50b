import { max, scaleSequential, interpolateBlues } from "d3";
import { useArtifactOfKind } from "../../hooks/projectApi";
import { parseConfusion, type Confusion } from "../../lib/compare";

const CELL = 22;

/** A confusion matrix as a heat map: rows are the truth, columns the prediction. */
export function ConfusionGrid({ confusion }: { confusion: Confusion }) {
  const size = confusion.matrix.length;
  const top = max(confusion.matrix.flat()) ?? 1;
  const color = scaleSequential(interpolateBlues).domain([0, top || 1]);
  const offset = 24;
  const side = offset + size * CELL;
  return (
    <svg width={side} height={side} role="img" aria-label="Confusion matrix">
      {confusion.labels.map((label, k) => (
        <g key={label} className="axis">
          <text x={offset + k * CELL + CELL / 2} y={14} textAnchor="middle">
            {label}
          </text>
          <text x={offset - 4} y={offset + k * CELL + CELL / 2} dy="0.32em" textAnchor="end">
            {label}
          </text>
        </g>
      ))}
      {confusion.matrix.map((row, r) =>
        row.map((count, c) => (
          <rect
            key={`${r}-${c}`}
            className="cell"
            x={offset + c * CELL}
            y={offset + r * CELL}
            width={CELL - 1}
            height={CELL - 1}
            fill={color(count)}
          >
            <title>{`true ${confusion.labels[r]}, predicted ${confusion.labels[c]}: ${count}`}</title>
          </rect>
        )),
      )}
    </svg>
  );
}

/** The experiment's confusion matrix artifact, or a note that it has none. */
export function ConfusionHeatmap({ experimentId }: { experimentId: number }) {
  const artifact = useArtifactOfKind(experimentId, "confusion_matrix");
  const confusion = artifact.data ? parseConfusion(artifact.data.payload) : null;
  return (
    <figure className="confusion" data-testid={`confusion-${experimentId}`}>
      <figcaption>Experiment {experimentId}</figcaption>
      {confusion ? (
        <ConfusionGrid confusion={confusion} />
      ) : (
        <p className="muted">{artifact.isLoading ? "…" : "no confusion matrix"}</p>
      )}
    </figure>
  );
}
