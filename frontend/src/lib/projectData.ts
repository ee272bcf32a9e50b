import type { Schemas } from "../api/client";
import { buildDataset, type Dataset, type Dim } from "./dataset";

export type ExperimentTable = Schemas["ExperimentTable"];
export type TableRun = Schemas["TableRun"];

/** The key of the synthetic "run" dimension: each run's place in the project's history. */
export const RUN_KEY = "x:run";

/** The project's experiments as a linked-view dataset, with what the table adds per row. */
export interface ProjectData {
  data: Dataset;
  runs: TableRun[];
  /** Run of each experiment, by position. */
  runOf: number[];
  /** The run's place (0 = oldest) of each experiment. */
  runPlace: Float64Array;
  label: (string | null)[];
  starred: boolean[];
  archived: boolean[];
  tags: string[][];
  hasNote: boolean[];
  productionId: number | null;
  /** The objective most runs use, or the first metric. */
  objective: { metric: string; mode: "min" | "max" } | null;
}

// Metric names that are better when lower; the service's report guesses with the same words.
const LOWER_IS_BETTER = /loss|err|mse|mae|rmse|perplexity|regret|inertia/i;

/** The objective most runs name (ties: the latest), else the first metric: minimised when its
 * name says it is a loss or an error, maximised otherwise. */
export function projectObjective(runs: TableRun[], metrics: string[]): ProjectData["objective"] {
  const counts = new Map<string, number>();
  for (const run of runs) {
    if (!run.objective_metric) continue;
    const key = `${run.objective_mode}:${run.objective_metric}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [key, count] of counts)
    if (best === null || count >= (counts.get(best) ?? 0)) best = key;
  if (best !== null) {
    const [mode, ...name] = best.split(":");
    return { metric: name.join(":"), mode: mode === "min" ? "min" : "max" };
  }
  const first = metrics[0];
  if (first === undefined) return null;
  return { metric: first, mode: LOWER_IS_BETTER.test(first) ? "min" : "max" };
}

/** Build the dataset once per answer: flat arrays, plus the run dimension for the progress chart. */
export function buildProjectData(table: ExperimentTable): ProjectData {
  const size = table.id.length;
  const data = buildDataset({
    run_id: 0,
    run_status: "",
    cursor: "",
    full: true,
    total: size,
    id: table.id,
    index: table.index,
    status: table.status,
    reason: Array.from({ length: size }, () => null),
    stop_requested: Array.from({ length: size }, () => false),
    nonfinite: Array.from({ length: size }, () => 0),
    params: table.params,
    metrics: table.metrics,
    values: table.values,
    metric_values: table.metric_values,
  });

  const runs = table.runs.toSorted(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id,
  );
  const place = new Map(runs.map((run, k) => [run.id, k]));
  const runPlace = Float64Array.from(table.run_id, (id) => place.get(id) ?? NaN);
  const runDim: Dim = {
    key: RUN_KEY,
    name: "run",
    role: "param",
    kind: "linear",
    numbers: runPlace,
    categories: [],
    discrete: true,
    raw: table.run_id,
  };
  data.dims.set(RUN_KEY, runDim);

  return {
    data,
    runs,
    runOf: table.run_id,
    runPlace,
    label: table.label,
    starred: table.starred,
    archived: table.archived,
    tags: table.tags,
    hasNote: table.has_note,
    productionId: table.production_experiment_id,
    objective: projectObjective(runs, table.metrics),
  };
}
