import { describe, expect, it } from "vitest";
import { sampleColumns } from "../test/columns";
import { buildDataset, paramKey, metricKey, type Dim } from "./dataset";
import { jitter, makeAxis, numericDomain, passes } from "./scales";

const data = buildDataset(sampleColumns());
const dim = (key: string): Dim => {
  const found = data.dims.get(key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};

describe("numeric domains", () => {
  it("ignores NaN and infinities, so they never stretch an axis", () => {
    expect(numericDomain([1, NaN, 3, Infinity, -Infinity], false)).toEqual([1, 3]);
  });

  it("pads a metric whose values are all equal", () => {
    expect(numericDomain([0.5, 0.5], false)).toEqual([0.45, 0.55]);
    expect(numericDomain([0, 0], false)).toEqual([-1, 1]);
    expect(numericDomain([10], true)).toEqual([5, 20]);
  });

  it("keeps only positive values on a log axis", () => {
    expect(numericDomain([0, -1, 0.01, 1], true)).toEqual([0.01, 1]);
  });

  it("falls back to a unit domain with no usable value", () => {
    expect(numericDomain([NaN, Infinity], false)).toEqual([0, 1]);
    expect(numericDomain([], true)).toEqual([1, 10]);
  });
});

describe("axes", () => {
  it("puts a log hyperparameter's decades at equal distances", () => {
    const axis = makeAxis(dim(paramKey("lr")), [0, 200]);
    expect(axis.position(dim(paramKey("lr")), 0)).toBeCloseTo(0);
    expect(axis.position(dim(paramKey("lr")), 1)).toBeCloseTo(100);
    expect(axis.position(dim(paramKey("lr")), 2)).toBeCloseTo(200);
    expect(axis.ticks(4).map((tick) => tick.label)).toEqual(["0.001", "0.01", "0.1"]);
  });

  it("gives a categorical hyperparameter one band per value", () => {
    const opt = dim(paramKey("opt"));
    const axis = makeAxis(opt, [0, 100]);
    expect(axis.kind).toBe("band");
    expect(axis.ticks(4).map((tick) => tick.label)).toEqual(["adam", "sgd"]);
    expect(axis.position(opt, 0)).toBeLessThan(axis.position(opt, 1) ?? 0);
    expect(axis.position(opt, 3)).toBeNull(); // no value: missing
    expect(axis.filterFor(0, 50)).toEqual({ kind: "set", keys: ["adam"] });
  });

  it("places missing, NaN and infinite metric values nowhere on the axis", () => {
    const acc = dim(metricKey("acc"));
    const axis = makeAxis(acc, [100, 0]);
    expect(axis.position(acc, 0)).not.toBeNull();
    expect(axis.position(acc, 1)).toBeNull(); // "NaN"
    expect(axis.position(acc, 2)).toBeNull(); // null
    const loss = dim(metricKey("loss"));
    expect(makeAxis(loss, [100, 0]).position(loss, 1)).toBeNull(); // "Infinity"
  });

  it("turns a pixel interval into a value range and back", () => {
    const loss = dim(metricKey("loss"));
    const axis = makeAxis(loss, [0, 100]);
    const filter = axis.filterFor(80, 20);
    expect(filter?.kind).toBe("range");
    const pixels = filter ? axis.pixelsOf(filter) : null;
    expect(pixels?.[0]).toBeCloseTo(20);
    expect(pixels?.[1]).toBeCloseTo(80);
  });

  it("never lets a missing value pass a filter", () => {
    const loss = dim(metricKey("loss"));
    const all = { kind: "range" as const, lo: -Infinity, hi: Infinity };
    expect([0, 1, 2, 3].map((i) => passes(loss, i, all))).toEqual([true, false, true, false]);
  });
});

describe("jitter", () => {
  it("is fixed per experiment and stays within [-1, 1]", () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => jitter(i));
    expect(offsets.every((offset) => offset >= -1 && offset <= 1)).toBe(true);
    expect(jitter(7)).toBe(jitter(7));
    const mean = offsets.reduce((sum, offset) => sum + offset, 0) / offsets.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(new Set(offsets.map((offset) => offset.toFixed(2))).size).toBeGreaterThan(150);
  });
});
