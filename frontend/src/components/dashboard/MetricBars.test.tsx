// @vitest-environment jsdom
import { act, fireEvent } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildDataset, metricKey } from "../../lib/dataset";
import { sampleColumns } from "../../test/columns";
import { renderLinked } from "../../test/render";
import { MetricBars } from "./MetricBars";

describe("MetricBars", () => {
  it("draws one small multiple per shown metric, a bar per experiment, missing marked", () => {
    const shown = new Set([metricKey("acc"), metricKey("loss")]);
    const { container } = renderLinked((d) => (
      <MetricBars data={d} metrics={d.metrics} shown={shown} onToggle={() => {}} />
    ));

    const acc = container.querySelector("[data-testid=bars-acc]")!;
    expect(acc.querySelectorAll("rect.bar:not(.missing)")).toHaveLength(2);
    expect(acc.querySelectorAll("rect.bar.missing")).toHaveLength(2);
    const loss = container.querySelector("[data-testid=bars-loss]")!;
    expect(loss.querySelectorAll("rect.bar.missing")).toHaveLength(2); // inf and null
  });

  it("gives each metric its own scale", () => {
    const shown = new Set([metricKey("acc"), metricKey("loss")]);
    const { container } = renderLinked((d) => (
      <MetricBars data={d} metrics={d.metrics} shown={shown} onToggle={() => {}} />
    ));
    const top = (id: string) =>
      container.querySelector(`[data-testid=${id}] .axis g:last-child text`)?.textContent;
    expect(top("bars-acc")).not.toBe(top("bars-loss"));
  });

  it("hides a metric whose legend entry is off and reports toggles", () => {
    const onToggle = vi.fn<(key: string) => void>();
    const { container, getByLabelText } = renderLinked((d) => (
      <MetricBars
        data={d}
        metrics={d.metrics}
        shown={new Set([metricKey("loss")])}
        onToggle={onToggle}
      />
    ));
    expect(container.querySelector("[data-testid=bars-acc]")).toBeNull();
    fireEvent.click(getByLabelText("acc"));
    expect(onToggle).toHaveBeenCalledWith(metricKey("acc"));
  });

  it("still draws bars when every value is equal, and colours the selection", () => {
    const columns = sampleColumns();
    columns.metric_values.acc!.last = [0.5, 0.5, 0.5, 0.5];
    const data = buildDataset(columns);
    const { container, store } = renderLinked(
      (d) => (
        <MetricBars
          data={d}
          metrics={d.metrics}
          shown={new Set([metricKey("acc")])}
          onToggle={() => {}}
        />
      ),
      data,
    );
    act(() => store.setPicked([11]));
    const bars = container.querySelectorAll("[data-testid=bars-acc] rect.bar");
    expect(bars).toHaveLength(4);
    expect(container.querySelectorAll("[data-testid=bars-acc] rect.bar.selected")).toHaveLength(1);
  });
});
