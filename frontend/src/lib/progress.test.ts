import { describe, expect, it } from "vitest";
import { sampleProjectTable } from "../test/projectTable";
import { runChanges, runProgress } from "./progress";
import { buildProjectData } from "./projectData";

describe("runProgress", () => {
  it("gives each run, oldest first, its size, its best and the best so far", () => {
    const rows = runProgress(buildProjectData(sampleProjectTable()));
    expect(rows.map((r) => [r.name, r.experiments, r.best, r.bestId, r.bestSoFar])).toEqual([
      ["baseline", 2, 0.72, 2, 0.72],
      ["tuned", 3, 0.88, 4, 0.88],
    ]);
  });

  it("keeps the best so far when a later run does worse, and minimises when asked", () => {
    const table = sampleProjectTable({
      metric_values: { acc: { last: [0.9, 0.5, 0.6, 0.7, 0.2] } },
    });
    const best = runProgress(buildProjectData(table)).map((r) => r.bestSoFar);
    expect(best).toEqual([0.9, 0.9]);

    const minimised = sampleProjectTable({
      runs: sampleProjectTable().runs.map((run) => ({ ...run, objective_mode: "min" })),
    });
    expect(runProgress(buildProjectData(minimised)).map((r) => r.best)).toEqual([0.61, 0.81]);
  });
});

describe("runChanges", () => {
  it("names the hyperparameters whose values differ from the run before", () => {
    const changes = runChanges(buildProjectData(sampleProjectTable()));
    expect(changes[0]).toEqual([
      { name: "lr", values: ["0.01", "0.1"], more: 0 },
      { name: "opt", values: ["sgd"], more: 0 },
    ]);
    expect(changes[1]).toEqual([
      { name: "lr", values: ["3e-4", "0.001"], more: 0 },
      { name: "opt", values: ["adam"], more: 0 },
    ]);
  });
});
