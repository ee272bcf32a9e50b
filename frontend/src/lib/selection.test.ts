import { describe, expect, it, vi } from "vitest";
import { sampleColumns } from "../test/columns";
import { buildDataset, metricKey, paramKey } from "./dataset";
import {
  bestExperiment,
  computeMask,
  countSelected,
  parseSelectionState,
  selectedRange,
  SelectionStore,
  EMPTY_SELECTION,
} from "./selection";

const data = buildDataset(sampleColumns());
const lr = paramKey("lr");
const acc = metricKey("acc");
const opt = paramKey("opt");

describe("selection logic", () => {
  it("selects nothing special while no brush is set", () => {
    expect(computeMask(data, EMPTY_SELECTION)).toBeNull();
    expect(countSelected(null, data.size)).toBe(4);
  });

  it("combines brushes of several plots with AND", () => {
    const oneBrush = {
      brushes: { a: { [lr]: { kind: "range" as const, lo: 0.005, hi: 1 } } },
      picked: null,
    };
    expect([...(computeMask(data, oneBrush) ?? [])]).toEqual([0, 1, 1, 1]);

    const two = {
      brushes: { ...oneBrush.brushes, b: { [opt]: { kind: "set" as const, keys: ["adam"] } } },
      picked: null,
    };
    expect([...(computeMask(data, two) ?? [])]).toEqual([0, 0, 1, 0]);
  });

  it("never selects a missing value through a range", () => {
    const state = {
      brushes: { a: { [acc]: { kind: "range" as const, lo: 0, hi: 1 } } },
      picked: null,
    };
    expect([...(computeMask(data, state) ?? [])]).toEqual([1, 0, 0, 1]);
  });

  it("intersects the table's picks with the brushes", () => {
    const state = {
      brushes: { a: { [acc]: { kind: "range" as const, lo: 0, hi: 1 } } },
      picked: [11, 12],
    };
    expect([...(computeMask(data, state) ?? [])]).toEqual([1, 0, 0, 0]);
  });

  it("selects nothing through a filter on an unknown dimension", () => {
    const state = {
      brushes: { a: { "m:gone": { kind: "range" as const, lo: 0, hi: 1 } } },
      picked: null,
    };
    expect(countSelected(computeMask(data, state), data.size)).toBe(0);
  });

  it("tells the range of the selection on every dimension", () => {
    const mask = Uint8Array.from([1, 1, 0, 0]);
    expect(selectedRange(data.dims.get(lr)!, mask, data.size)).toEqual({
      kind: "range",
      lo: 0.001,
      hi: 0.01,
    });
    expect(selectedRange(data.dims.get(opt)!, mask, data.size)).toEqual({
      kind: "set",
      keys: ["adam", "sgd"],
    });
    expect(selectedRange(data.dims.get(acc)!, Uint8Array.from([0, 1, 1, 0]), data.size)).toBeNull();
  });

  it("finds the best selected experiment by the objective", () => {
    expect(bestExperiment(data, null, data.dims.get(acc), "max")).toBe(0);
    expect(bestExperiment(data, Uint8Array.from([0, 1, 1, 1]), data.dims.get(acc), "max")).toBe(3);
    expect(bestExperiment(data, null, data.dims.get(metricKey("loss")), "min")).toBe(0);
  });

  it("keeps only well-formed parts of a saved selection", () => {
    const state = parseSelectionState({
      brushes: {
        ok: { [lr]: { kind: "range", lo: 0, hi: 1 } },
        bad: { [lr]: { kind: "range", lo: "x" } },
      },
      picked: [1, "2"],
    });
    expect(state).toEqual({
      brushes: { ok: { [lr]: { kind: "range", lo: 0, hi: 1 } } },
      picked: [1],
    });
    expect(parseSelectionState(null)).toEqual(EMPTY_SELECTION);
  });
});

describe("the selection store", () => {
  it("recomputes the mask once per change and tells every view", () => {
    const store = new SelectionStore();
    store.setData(data);
    const listener = vi.fn<() => void>();
    store.subscribe(listener);

    store.setBrush("scatter", { [lr]: { kind: "range", lo: 0.05, hi: 1 } });
    expect([...(store.getMask() ?? [])]).toEqual([0, 0, 1, 0]);
    store.setPicked([14]);
    expect(countSelected(store.getMask(), data.size)).toBe(0);

    store.clear();
    expect(store.getMask()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(3);
    expect(store.getVersion()).toBe(3); // setting data with nothing selected tells no one
  });

  it("drops a brush set to nothing", () => {
    const store = new SelectionStore();
    store.setData(data);
    store.setBrush("a", { [lr]: { kind: "range", lo: 0, hi: 1 } });
    store.setBrush("a", null);
    expect(store.getState()).toEqual(EMPTY_SELECTION);
  });
});
