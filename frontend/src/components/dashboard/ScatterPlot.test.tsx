// @vitest-environment jsdom
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildDataset, paramKey } from "../../lib/dataset";
import { sampleColumns } from "../../test/columns";
import { renderLinked } from "../../test/render";
import { ScatterGrid } from "./ScatterGrid";

describe("ScatterGrid", () => {
  it("draws a plot per hyperparameter and metric, with missing values as their own mark", () => {
    const { container, data } = renderLinked((d) => <ScatterGrid data={d} metrics={d.metrics} />);

    const plots = container.querySelectorAll("[data-view=scatter]");
    expect(plots).toHaveLength(data.params.length * data.metrics.length);
    const accVsLr = container.querySelector("[data-testid=scatter-lr-acc]")!;
    expect(accVsLr.querySelectorAll("circle.point")).toHaveLength(2); // 0.9 and 0.5
    expect(accVsLr.querySelectorAll("path.point.missing")).toHaveLength(2); // NaN and null
    const lossVsOpt = container.querySelector("[data-testid=scatter-opt-loss]")!;
    expect(lossVsOpt.querySelectorAll("path.point.missing")).toHaveLength(2); // inf, and no opt
  });

  it("labels a log axis by decades and a categorical one by value", () => {
    const { container } = renderLinked((d) => <ScatterGrid data={d} metrics={d.metrics} />);
    const ticks = (id: string) =>
      [...container.querySelectorAll(`[data-testid=${id}] .axis text`)].map((t) => t.textContent);
    expect(ticks("scatter-lr-acc")).toEqual(expect.arrayContaining(["0.001", "0.01", "0.1"]));
    expect(ticks("scatter-opt-acc")).toEqual(expect.arrayContaining(["adam", "sgd"]));
  });

  it("shows the shared selection in every plot", () => {
    const { container, store } = renderLinked((d) => <ScatterGrid data={d} metrics={d.metrics} />);
    act(() => store.setBrush("test", { [paramKey("lr")]: { kind: "range", lo: 0.005, hi: 0.05 } }));

    for (const plot of container.querySelectorAll("[data-view=scatter]")) {
      expect(plot.getAttribute("data-selected")).toBe("2");
    }
    const selected = container.querySelectorAll("[data-testid=scatter-lr-loss] .selected");
    expect(selected).toHaveLength(2);
  });

  it("draws a metric whose values are all equal", () => {
    const columns = sampleColumns();
    columns.metric_values.acc!.last = [0.5, 0.5, 0.5, 0.5];
    const { container } = renderLinked(
      (d) => <ScatterGrid data={d} metrics={d.metrics} />,
      buildDataset(columns),
    );
    expect(container.querySelectorAll("[data-testid=scatter-lr-acc] circle.point")).toHaveLength(4);
  });
});
