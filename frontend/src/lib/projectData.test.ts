import { describe, expect, it } from "vitest";
import { projectObjective, type TableRun } from "./projectData";

function run(id: number, metric: string | null, mode = "max"): TableRun {
  return {
    id,
    name: `run ${id}`,
    kind: "sweep",
    created_at: "2026-12-01T00:00:00Z",
    has_note: false,
    objective_metric: metric,
    objective_mode: mode,
    status: "completed",
  };
}

describe("projectObjective", () => {
  it("takes the objective most runs name, the latest between equals", () => {
    const runs = [run(1, "val_loss", "min"), run(2, "acc"), run(3, "acc")];
    expect(projectObjective(runs, ["acc", "val_loss"])).toEqual({ metric: "acc", mode: "max" });
    const tied = [run(1, "acc"), run(2, "val_loss", "min")];
    expect(projectObjective(tied, [])).toEqual({ metric: "val_loss", mode: "min" });
  });

  it("guesses from the first metric when no run names one: losses are minimised", () => {
    const runs = [run(1, null)];
    expect(projectObjective(runs, ["accuracy", "loss"])).toEqual({
      metric: "accuracy",
      mode: "max",
    });
    expect(projectObjective(runs, ["eval_loss", "f1"])).toEqual({
      metric: "eval_loss",
      mode: "min",
    });
    expect(projectObjective(runs, [])).toBeNull();
  });
});
