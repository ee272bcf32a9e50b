import { describe, expect, it } from "vitest";
import type { ArtifactSummary } from "../../hooks/experimentApi";
import { confusionFor, customCharts, epochOfName } from "./artifactPick";

const at = (id: number, kind: string, name: string): ArtifactSummary => ({
  id,
  kind,
  name,
  experiment_id: 1,
  created_at: "2026-01-01T00:00:00Z",
});

const digits = [
  at(1, "confusion_matrix", "confusion_matrix_epoch_1"),
  at(2, "confusion_matrix", "confusion_matrix_epoch_2"),
  at(3, "confusion_matrix", "confusion_matrix_epoch_4"),
  at(4, "confusion_matrix", "confusion_matrix"),
  at(5, "line", "elbow"),
];

describe("artifactPick", () => {
  it("reads the epoch at the end of a name", () => {
    expect(epochOfName("confusion_matrix_epoch_12")).toBe(12);
    expect(epochOfName("confusion_matrix")).toBeNull();
  });

  it("shows the matrix of the replayed epoch, or the last one before it", () => {
    expect(confusionFor(digits, 2)?.id).toBe(2);
    expect(confusionFor(digits, 3)?.id).toBe(2);
    expect(confusionFor(digits, 0)).toBeNull();
  });

  it("shows the final matrix outside a replay, or when none is logged per epoch", () => {
    expect(confusionFor(digits, null)?.id).toBe(4);
    expect(confusionFor([at(9, "confusion_matrix", "cm")], 3)?.id).toBe(9);
    expect(confusionFor([at(5, "line", "elbow")], null)).toBeNull();
  });

  it("draws every other artifact as a custom chart", () => {
    expect(customCharts(digits).map((a) => a.name)).toEqual(["elbow"]);
  });
});
