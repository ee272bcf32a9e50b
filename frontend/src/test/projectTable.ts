import type { ExperimentTable, TableRun } from "../lib/projectData";

function run(id: number, name: string, day: number): TableRun {
  return {
    id,
    name,
    kind: "sweep",
    status: "completed",
    created_at: `2026-12-0${day}T10:00:00Z`,
    has_note: false,
    objective_metric: "acc",
    objective_mode: "max",
  };
}

/** A project table as the API sends it, for tests: two runs, five experiments, one NaN. */
export function sampleProjectTable(overrides: Partial<ExperimentTable> = {}): ExperimentTable {
  return {
    project_id: 1,
    total: 5,
    available: 5,
    partial: false,
    archived_hidden: 0,
    production_experiment_id: 4,
    // Listed newest run first: the dashboard orders runs by creation time itself.
    runs: [run(20, "tuned", 2), run(10, "baseline", 1)],
    id: [1, 2, 3, 4, 5],
    index: [0, 1, 0, 1, 2],
    run_id: [10, 10, 20, 20, 20],
    status: ["completed", "completed", "completed", "completed", "failed"],
    label: [null, null, null, null, null],
    starred: [false, false, true, false, false],
    archived: [false, false, false, false, false],
    tags: [[], [], ["promising"], [], []],
    has_note: [false, false, false, true, false],
    params: [
      { name: "lr", type: "float", scale: "log", values: [0.0003, 0.001, 0.01, 0.1] },
      { name: "opt", type: "categorical", scale: "band", values: ["adam", "sgd"] },
    ],
    metrics: ["acc"],
    values: { lr: [0.1, 0.01, 0.001, 0.001, 0.0003], opt: ["sgd", "sgd", "adam", "adam", "adam"] },
    metric_values: { acc: { last: [0.61, 0.72, 0.81, 0.88, "NaN"] } },
    ...overrides,
  };
}
