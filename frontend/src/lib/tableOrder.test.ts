import { describe, expect, it } from "vitest";
import { sampleColumns } from "../test/columns";
import { buildDataset, metricKey, paramKey } from "./dataset";
import { tableOrder } from "./tableOrder";

const data = buildDataset(sampleColumns());

describe("table order", () => {
  it("keeps launch order without a sort", () => {
    expect([...tableOrder(data, undefined, "", null)]).toEqual([0, 1, 2, 3]);
  });

  it("sorts numbers either way with missing values last", () => {
    const loss = metricKey("loss"); // 0.3, inf, 2.5, missing
    expect([...tableOrder(data, { id: loss, desc: false }, "", null)]).toEqual([0, 2, 1, 3]);
    expect([...tableOrder(data, { id: loss, desc: true }, "", null)]).toEqual([1, 2, 0, 3]);
    const acc = metricKey("acc"); // 0.9, NaN, missing, 0.5
    expect([...tableOrder(data, { id: acc, desc: true }, "", null)]).toEqual([0, 3, 1, 2]);
  });

  it("sorts categories by label", () => {
    expect([...tableOrder(data, { id: paramKey("opt"), desc: true }, "", null)]).toEqual([
      1, 0, 2, 3,
    ]);
  });

  it("filters by text and by the selection", () => {
    expect([...tableOrder(data, undefined, "FAIL", null)]).toEqual([2]);
    expect([...tableOrder(data, undefined, "sgd", null)]).toEqual([1]);
    expect([...tableOrder(data, undefined, "", Uint8Array.from([1, 0, 0, 1]))]).toEqual([0, 3]);
  });
});
