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

function valuesOf(dim: Dim, positions: number[]): string[] {
  const seen = new Set<string>();
  for (const i of positions)
    if (dim.raw[i] !== null && dim.raw[i] !== undefined) seen.add(formatValue(dim.raw[i]));
  return [...seen].toSorted((a, b) => {
    const [x, y] = [Number(a), Number(b)];
    return Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x - y;
  });
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
      if (values.length === 0) continue;
      const signature = values.join("\u0000");
      current.set(dim.name, signature);
      if (previous.get(dim.name) === signature) continue;
      changes.push({
        name: dim.name,
        values: values.slice(0, SHOWN_VALUES),
        more: Math.max(0, values.length - SHOWN_VALUES),
      });
    }
    previous = current;
    return changes;
  });
}
