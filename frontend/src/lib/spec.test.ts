import { describe, expect, it } from "vitest";
import { fromSpec, gridSize, newParam, parseList, previewValues, toSpec } from "./spec";

const range = (mode: "linear" | "multiplicative" | "log" | "linspace", fields: object) =>
  newParam("x", { mode, ...fields });

describe("step-size preview", () => {
  it("walks a linear step up to and including the end", () => {
    expect(previewValues(range("linear", { from: "32", to: "128", step: "16" })).values).toEqual([
      32, 48, 64, 80, 96, 112, 128,
    ]);
  });

  it("stops before passing the end", () => {
    const preview = previewValues(range("linear", { from: "0", to: "1", step: "0.3" }));
    expect(preview.values).toEqual([0, 0.3, 0.6, 0.9]);
    expect(preview.total).toBe(4);
  });

  it("keeps float steps canonical (no 0.30000000000000004)", () => {
    const preview = previewValues(range("linear", { from: "0.1", to: "0.5", step: "0.1" }));
    expect(preview.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it("multiplies by a factor", () => {
    const preview = previewValues(range("multiplicative", { from: "16", to: "128", factor: "2" }));
    expect(preview.values).toEqual([16, 32, 64, 128]);
  });

  it("spaces a log range geometrically", () => {
    const preview = previewValues(range("log", { from: "1e-4", to: "1e-1", count: "4" }));
    expect(preview.values).toEqual([0.0001, 0.001, 0.01, 0.1]);
  });

  it("spaces a linear count evenly, as ints when it divides", () => {
    expect(previewValues(range("linspace", { from: "0", to: "10", count: "3" })).values).toEqual([
      0, 5, 10,
    ]);
    expect(previewValues(range("linspace", { from: "0", to: "1", count: "3" })).values).toEqual([
      0, 0.5, 1,
    ]);
  });

  it("rounds an int range and drops repeats", () => {
    const draft = range("log", { from: "1", to: "10", count: "6", type: "int" });
    expect(previewValues(draft).values).toEqual([1, 2, 3, 4, 6, 10]);
  });

  it("shows only the first values of a long range but counts them all", () => {
    const preview = previewValues(range("linear", { from: "1", to: "1000", step: "1" }));
    expect(preview.values).toHaveLength(12);
    expect(preview.total).toBe(1000);
  });

  it.each([
    [{ mode: "linear", from: "1", to: "5", step: "0" }, "params.x.step", "zero"],
    [{ mode: "linear", from: "1", to: "5", step: "-1" }, "params.x.step", "positive"],
    [{ mode: "linear", from: "5", to: "1", step: "1" }, "params.x.to", "above"],
    [{ mode: "log", from: "0", to: "1", count: "3" }, "params.x.from", "above zero"],
    [{ mode: "multiplicative", from: "1", to: "8", factor: "1" }, "params.x.step", "greater"],
    [{ mode: "linspace", from: "1", to: "8", count: "0" }, "params.x.count", "at least 1"],
    [{ mode: "linear", from: "a", to: "8", step: "1" }, "params.x.from", "number"],
    [{ mode: "values", values: " , " }, "params.x", "at least one"],
    [{ mode: "values", values: "1, 2.5", type: "int" }, "params.x[1]", "not a valid int"],
  ])("names the field of an impossible spec %#", (fields, field, words) => {
    const preview = previewValues(newParam("x", fields as object));
    expect(preview.error?.field).toBe(field);
    expect(preview.error?.message).toContain(words);
  });
});

describe("specs", () => {
  it("reads typed lists: numbers, booleans, null and text", () => {
    expect(parseList("1, 2.5, true, null, relu, 'a b'")).toEqual([
      1,
      2.5,
      true,
      null,
      "relu",
      "a b",
    ]);
  });

  it("builds the API spec of each kind", () => {
    expect(toSpec(newParam("x", { values: "0.3, 0.5" }))).toEqual([0.3, 0.5]);
    expect(toSpec(newParam("x", { values: "a, b", type: "categorical" }))).toEqual({
      values: ["a", "b"],
      type: "categorical",
    });
    expect(toSpec(range("multiplicative", { from: "16", to: "128", factor: "2" }))).toEqual({
      from: 16,
      to: 128,
      step: "*2",
    });
    expect(toSpec(range("log", { from: "1e-4", to: "0.1", count: "4" }))).toEqual({
      from: 0.0001,
      to: 0.1,
      count: 4,
      scale: "log",
    });
  });

  it("reads a stored spec back into the form", () => {
    for (const spec of [
      [0.3, 0.5],
      { from: 16, to: 128, step: "*2" },
      { from: 0.0001, to: 0.1, count: 4, scale: "log" },
      { from: 1, to: 9, step: 2, type: "int" },
      { values: ["a", "b"], type: "categorical" },
    ]) {
      expect(toSpec(fromSpec("x", spec))).toEqual(spec);
    }
  });

  it("multiplies the counts into a grid size", () => {
    const drafts = [
      newParam("a", { values: "1, 2" }),
      range("log", { from: "1", to: "100", count: "3" }),
    ];
    expect(gridSize(drafts)).toBe(6);
    expect(gridSize([newParam("a", { values: "" })])).toBeNull();
  });
});
