// @vitest-environment jsdom
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildProjectData } from "../../lib/projectData";
import { RUN_KEY } from "../../lib/projectData";
import { sampleProjectTable } from "../../test/projectTable";
import { renderLinked } from "../../test/render";
import { ProgressChart } from "./ProgressChart";

const project = buildProjectData(sampleProjectTable());

function renderChart(shown = project) {
  return renderLinked(() => <ProgressChart project={shown} width={600} height={240} />, shown.data);
}

describe("ProgressChart", () => {
  it("draws each experiment with a value, each run's best and the best-so-far line", () => {
    const { container } = renderChart();
    expect(container.querySelectorAll("circle.point")).toHaveLength(4); // the NaN is left out
    expect(container.querySelectorAll("path.run-best")).toHaveLength(2);
    expect(container.querySelector("path.best-so-far")?.getAttribute("d")).toMatch(/^M/);
    const labels = [...container.querySelectorAll(".axis text")].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(["baseline", "tuned", "max acc"]));
  });

  it("keeps the best and worst points off the edges of the plot", () => {
    // Round values, which a "nice" domain alone would put on the edges.
    const table = sampleProjectTable({
      metric_values: { acc: { last: [0.6, 0.7, 0.8, 0.9, 0.9] } },
    });
    const { container } = renderChart(buildProjectData(table));
    const ys = [...container.querySelectorAll("circle.point")].map((c) =>
      Number(c.getAttribute("cy")),
    );
    const plotHeight = 240 - 24 - 40;
    expect(Math.min(...ys)).toBeGreaterThan(0);
    expect(Math.max(...ys)).toBeLessThan(plotHeight);
  });

  it("puts the axis title above the highest tick label, inside the chart", () => {
    const { container } = renderChart();
    const tickYs = [...container.querySelectorAll(".axis g[transform]")].map((g) =>
      Number(/,([-\d.]+)\)/.exec(g.getAttribute("transform") ?? "")?.[1]),
    );
    const title = container.querySelector(".axis-title")!;
    const titleBaseline = Number(title.getAttribute("y"));
    // A tick label reaches about 6 px above its tick; the 10 px title sits above that.
    expect(titleBaseline).toBeLessThan(Math.min(...tickYs) - 6);
    expect(titleBaseline - 10).toBeGreaterThanOrEqual(-24);
  });

  it("shows the shared selection", () => {
    const { container, store } = renderChart();
    act(() => store.setBrush("test", { [RUN_KEY]: { kind: "range", lo: 1, hi: 1 } }));
    expect(container.querySelectorAll("circle.point.selected")).toHaveLength(2);
    expect(container.querySelectorAll("circle.point.unselected")).toHaveLength(2);
  });
});
