import { isPresent, metricKey, paramKey, type Dim } from "./dataset";
import { formatValue } from "./numbers";
import type { ProjectData } from "./projectData";

export interface RunProgress {
  runId: number;
  name: string;
  place: number;
  experiments: number;
  /** The run's best objective value (NaN when none is finite). */
  best: number;
  bestId: number | null;
  /** The best value of this run and every run before it. */
  bestSoFar: number;
}

/** Per run in history order: its size, best objective value and the best so far. */
export function runProgress(project: ProjectData): RunProgress[] {
  const { data, runs, runPlace, objective } = project;
  const dim = objective ? data.dims.get(metricKey(objective.metric)) : undefined;
  const better = (a: number, b: number) =>
    Number.isNaN(b) || (objective?.mode === "min" ? a < b : a > b);

  const rows: RunProgress[] = runs.map((run, place) => ({
    runId: run.id,
    name: run.name,
    place,
    experiments: 0,
    best: NaN,
    bestId: null,
    bestSoFar: NaN,
  }));
  for (let i = 0; i < data.size; i += 1) {
    const row = rows[runPlace[i] ?? -1];
    if (!row) continue;
    row.experiments += 1;
    if (!dim || !isPresent(dim, i)) continue;
    const value = dim.numbers[i] ?? NaN;
    if (better(value, row.best)) {
      row.best = value;
      row.bestId = data.ids[i] ?? null;
    }
  }

  let sofar = NaN;
  for (const row of rows) {
    if (!Number.isNaN(row.best) && better(row.best, sofar)) sofar = row.best;
    row.bestSoFar = sofar;
  }
  return rows;
}

export interface RunChange {
  name: string;
  values: string[];
  more: number;
}

const SHOWN_VALUES = 8;

interface RunValues {
  /** Every distinct value, in order, as one string: equal sets give equal signatures. */
  signature: string;
  /** The first values, formatted for display. */
  shown: string[];
  count: number;
}

function byValue(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** A run's distinct values of one hyperparameter. Only the shown few are formatted: with
 * 100,000 experiments, formatting every value was most of the project dashboard's render. */
function valuesOf(dim: Dim, positions: number[]): RunValues {
  const seen = new Set<unknown>();
  for (const i of positions) {
    const raw = dim.raw[i];
    if (raw !== null && raw !== undefined) seen.add(raw);
  }
  const sorted = [...seen].toSorted(byValue);
  const shown = [...new Set(sorted.slice(0, SHOWN_VALUES * 2).map(formatValue))];
  return {
    signature: sorted.map((value) => `${typeof value}:${String(value)}`).join("\u0000"),
    shown: shown.slice(0, SHOWN_VALUES),
    count: sorted.length,
  };
}

/** Per run: the hyperparameters whose set of values differs from the run before, and its values. */
export function runChanges(project: ProjectData): RunChange[][] {
  const { data, runs, runPlace } = project;
  const positions: number[][] = runs.map(() => []);
  for (let i = 0; i < data.size; i += 1) positions[runPlace[i] ?? -1]?.push(i);

  let previous = new Map<string, string>();
  return positions.map((rows) => {
    const current = new Map<string, string>();
    const changes: RunChange[] = [];
    for (const dim of data.params) {
      if (dim.key !== paramKey(dim.name)) continue;
      const values = valuesOf(dim, rows);
      if (values.count === 0) continue;
      current.set(dim.name, values.signature);
      if (previous.get(dim.name) === values.signature) continue;
      changes.push({
        name: dim.name,
        values: values.shown,
        more: Math.max(0, values.count - values.shown.length),
      });
    }
    previous = current;
    return changes;
  });
}
