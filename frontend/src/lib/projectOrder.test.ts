import { describe, expect, it } from "vitest";
import { sampleProjectTable } from "../test/projectTable";
import { paramKey } from "./dataset";
import { buildProjectData } from "./projectData";
import { projectOrder, RUN_COLUMN, STAR_COLUMN } from "./projectOrder";

const project = buildProjectData(sampleProjectTable());
const ids = (order: Int32Array) => Array.from(order, (i) => project.data.ids[i]);

describe("projectOrder", () => {
  it("filters by every word: run names, #tags, values, starred", () => {
    expect(ids(projectOrder(project, undefined, "tuned adam", null))).toEqual([3, 4, 5]);
    expect(ids(projectOrder(project, undefined, "#promising", null))).toEqual([3]);
    expect(ids(projectOrder(project, undefined, "starred", null))).toEqual([3]);
    expect(ids(projectOrder(project, undefined, "baseline 0.01", null))).toEqual([2]);
  });

  it("sorts by run, star or value, missing values last either way", () => {
    const byLr = projectOrder(project, { id: paramKey("lr"), desc: false }, "", null);
    expect(ids(byLr)).toEqual([5, 3, 4, 2, 1]);
    const byRunDesc = projectOrder(project, { id: RUN_COLUMN, desc: true }, "", null);
    expect(ids(byRunDesc)).toEqual([3, 4, 5, 1, 2]);
    expect(ids(projectOrder(project, { id: STAR_COLUMN, desc: false }, "", null))[0]).toBe(3);
  });

  it("keeps only the selection when asked", () => {
    const mask = Uint8Array.from([0, 1, 0, 1, 0]);
    expect(ids(projectOrder(project, undefined, "", mask))).toEqual([2, 4]);
  });
});
