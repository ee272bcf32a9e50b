import { describe, expect, it } from "vitest";
import { sampleColumns } from "../test/columns";
import { buildDataset, mergeColumns, metricKey, paramKey } from "./dataset";

describe("dataset", () => {
  it("decodes non-finite values and missing ones", () => {
    const data = buildDataset(sampleColumns());
    expect([...data.dims.get(metricKey("acc"))!.numbers]).toEqual([0.9, NaN, NaN, 0.5]);
    expect([...data.dims.get(metricKey("loss"))!.numbers]).toEqual([0.3, Infinity, 2.5, NaN]);
  });

  it("codes categorical values as bands", () => {
    const opt = buildDataset(sampleColumns()).dims.get(paramKey("opt"))!;
    expect(opt.categories).toEqual(["adam", "sgd"]);
    expect([...opt.numbers]).toEqual([0, 1, 0, NaN]);
  });

  it("uses the chosen metric statistic", () => {
    const data = buildDataset(sampleColumns(), "max");
    expect(data.dims.get(metricKey("loss"))!.numbers[1]).toBe(3);
  });

  it("builds an empty run without failing", () => {
    const empty = sampleColumns({
      total: 0,
      id: [],
      index: [],
      status: [],
      reason: [],
      stop_requested: [],
      nonfinite: [],
      metrics: [],
      values: {},
      metric_values: {},
    });
    expect(buildDataset(empty).size).toBe(0);
  });

  it("merges a change feed by experiment id", () => {
    const before = sampleColumns();
    const delta = sampleColumns({
      full: false,
      cursor: "later",
      total: 5,
      metrics: ["acc", "f1"],
      id: [14, 15],
      index: [3, 4],
      status: ["completed", "queued"],
      reason: [null, null],
      stop_requested: [false, false],
      nonfinite: [0, 0],
      values: { lr: [0.01, 0.1], opt: [null, "sgd"] },
      metric_values: {
        acc: { last: [0.7, null], min: [0.5, null], max: [0.7, null] },
        f1: { last: [0.6, null], min: [0.6, null], max: [0.6, null] },
      },
    });
    const merged = mergeColumns(before, delta);
    expect(merged.id).toEqual([11, 12, 13, 14, 15]);
    expect(merged.status).toEqual(["completed", "completed", "failed", "completed", "queued"]);
    expect(merged.metrics).toEqual(["acc", "f1", "loss"]);
    expect(merged.metric_values.acc!.last).toEqual([0.9, "NaN", null, 0.7, null]);
    expect(merged.metric_values.f1!.last).toEqual([null, null, null, 0.6, null]);
    expect(merged.cursor).toBe("later");
    expect(before.id).toHaveLength(4); // the previous answer is left as it was
  });
});
