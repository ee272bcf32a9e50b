import { useMemo, useState } from "react";
import {
  isExperimentActive,
  useHistories,
  type CurveKey,
  type ExperimentDetail,
} from "../../hooks/experimentApi";
import { formatNumber } from "../../lib/numbers";
import { experimentColor, experimentLabel } from "./colors";
import { CurveChart, type CurveLine } from "./CurveChart";
import { toCurve, upToEpoch } from "./curves";

interface Props {
  /** The open experiment first, then the ones overlaid from the table. */
  experiments: ExperimentDetail[];
  /** Replay position: curves end at this epoch; null draws everything. */
  epoch: number | null;
}

/** Every metric on its own chart, with one line per experiment. */
export function LearningCurves({ experiments, epoch }: Props) {
  const [zooms, setZooms] = useState<Record<string, [number, number] | null>>({});
  const keys = useMemo(() => curveKeys(experiments, zooms), [experiments, zooms]);
  const histories = useHistories(keys);
  const names = [...new Set(keys.map((key) => key.name))];

  if (names.length === 0) return <p className="muted">No metrics logged yet.</p>;
  const lineSets = names.map((name) => {
    const lines: CurveLine[] = [];
    keys.forEach((key, k) => {
      const history = histories[k]?.data;
      if (key.name !== name || !history) return;
      const n = experiments.findIndex((e) => e.id === key.experimentId);
      const experiment = experiments[n];
      if (!experiment) return;
      lines.push({
        key: String(experiment.id),
        label: experimentLabel(experiment),
        color: experimentColor(n),
        curve: upToEpoch(toCurve(history), epoch),
      });
    });
    return { name, lines };
  });
  const scores = lineSets.filter((set) => single(set.lines));

  return (
    <>
      {scores.length > 0 && <ScoresTable experiments={experiments} names={scores} />}
      <div className="curve-grid" data-testid="learning-curves">
        {lineSets
          .filter((set) => !single(set.lines))
          .map(({ name, lines }) => {
            // Per-step curves are the long ones: a zoom asks the server for its range's detail.
            const zoomable =
              zooms[name] || lines.some((l) => l.curve.axis === "step" && l.curve.downsampled);
            const onZoom = zoomable
              ? (range: [number, number] | null) => setZooms((z) => ({ ...z, [name]: range }))
              : undefined;
            return <CurveChart key={name} name={name} lines={lines} onZoom={onZoom} />;
          })}
      </div>
    </>
  );
}

interface ScoresProps {
  experiments: ExperimentDetail[];
  names: { name: string; lines: CurveLine[] }[];
}

function ScoresTable({ experiments, names }: ScoresProps) {
  return (
    <table className="scores" data-testid="scores">
      <thead>
        <tr>
          <th>experiment</th>
          {names.map(({ name }) => (
            <th key={name}>{name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {experiments.map((experiment, n) => (
          <tr key={experiment.id}>
            <td style={{ color: experimentColor(n) }}>{experimentLabel(experiment)}</td>
            {names.map(({ name, lines }) => {
              const found = lines.find((l) => l.key === String(experiment.id));
              return <td key={name}>{formatNumber(found?.curve.ys[0] ?? NaN)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Scores logged once without a step or epoch (k-means) make no curve: a table shows them. */
function single(lines: CurveLine[]): boolean {
  return lines.length > 0 && lines.every((l) => l.curve.axis === "index" && l.curve.xs.length <= 1);
}

function curveKeys(
  experiments: ExperimentDetail[],
  zooms: Record<string, [number, number] | null>,
): CurveKey[] {
  const keys: CurveKey[] = [];
  for (const experiment of experiments) {
    const live = isExperimentActive(experiment);
    for (const name of Object.keys(experiment.metrics ?? {}).toSorted(byKind(experiment))) {
      const zoom = zooms[name];
      const steps: [number, number] | null = zoom
        ? [Math.floor(zoom[0]), Math.ceil(zoom[1])]
        : null;
      keys.push({ experimentId: experiment.id, name, live, steps });
    }
  }
  return keys;
}

/** Per-epoch metrics before per-step ones (a batch loss has many more points). */
function byKind(experiment: ExperimentDetail) {
  const count = (name: string) => experiment.metrics?.[name]?.count ?? 0;
  return (a: string, b: string) => Math.sign(count(a) - count(b)) || a.localeCompare(b);
}
