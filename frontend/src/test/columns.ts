import type { ExperimentColumns } from "../api/client";

/** Columns as the API sends them, for tests: 4 experiments with NaN, inf, missing values. */
export function sampleColumns(overrides: Partial<ExperimentColumns> = {}): ExperimentColumns {
  return {
    run_id: 1,
    run_status: "completed",
    cursor: "2026-01-01T00:00:00Z",
    full: true,
    total: 4,
    params: [
      { name: "lr", type: "float", scale: "log", values: [0.001, 0.01, 0.1] },
      { name: "opt", type: "categorical", scale: "band", values: ["adam", "sgd"] },
    ],
    metrics: ["acc", "loss"],
    id: [11, 12, 13, 14],
    index: [0, 1, 2, 3],
    status: ["completed", "completed", "failed", "running"],
    reason: [null, null, "exit code 1", null],
    stop_requested: [false, false, false, false],
    nonfinite: [0, 1, 0, 0],
    values: { lr: [0.001, 0.01, 0.1, 0.01], opt: ["adam", "sgd", "adam", null] },
    metric_values: {
      acc: {
        last: [0.9, "NaN", null, 0.5],
        min: [0.1, 0.2, null, 0.5],
        max: [0.9, 0.8, null, 0.5],
      },
      loss: {
        last: [0.3, "Infinity", 2.5, null],
        min: [0.3, 1, 2.5, null],
        max: [1, 3, 2.5, null],
      },
    },
    ...overrides,
  };
}
