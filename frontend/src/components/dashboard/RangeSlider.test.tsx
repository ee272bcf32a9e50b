// @vitest-environment jsdom
import { act, fireEvent } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { paramKey } from "../../lib/dataset";
import { renderLinked } from "../../test/render";
import { RangePanel } from "./RangePanel";

const lock = {
  name: "lr",
  low: 0.001,
  high: 0.01,
  values: null,
  locked_by: "ada",
  locked_at: "2026-01-02T03:04:05Z",
};

describe("RangePanel", () => {
  it("shows the range of the selection for every hyperparameter and metric", () => {
    const { getByTestId, store } = renderLinked((d) => (
      <RangePanel data={d} metrics={d.metrics} locks={[]} onLock={() => {}} onUnlock={() => {}} />
    ));
    expect(getByTestId("range-lr")).toHaveTextContent("0.001 – 0.1");
    expect(getByTestId("range-opt")).toHaveTextContent("adam, sgd");
    expect(getByTestId("range-acc")).toHaveTextContent("0.5 – 0.9");

    act(() => store.setPicked([11, 12]));
    expect(getByTestId("range-lr")).toHaveTextContent("0.001 – 0.01");
    expect(getByTestId("range-acc")).toHaveTextContent("0.9");
    expect(getByTestId("range-loss")).toHaveTextContent("0.3");
  });

  it("locks the filtered range and shows who locked it", () => {
    const onLock = vi.fn<(name: string, body: object) => void>();
    const { getByRole, getByTestId, store, rerender, data } = renderLinked((d) => (
      <RangePanel data={d} metrics={d.metrics} locks={[]} onLock={onLock} onUnlock={() => {}} />
    ));
    act(() =>
      store.setBrush("sliders", { [paramKey("lr")]: { kind: "range", lo: 0.002, hi: 0.05 } }),
    );
    fireEvent.click(getByRole("button", { name: "Lock lr" }));
    expect(onLock).toHaveBeenCalledWith("lr", { low: 0.002, high: 0.05 });

    fireEvent.click(getByRole("button", { name: "Lock opt" }));
    expect(onLock).toHaveBeenCalledWith("opt", { values: ["sgd"] });

    rerender(
      <RangePanel
        data={data}
        metrics={data.metrics}
        locks={[lock]}
        onLock={onLock}
        onUnlock={() => {}}
      />,
    );
    expect(getByTestId("lock-lr")).toHaveTextContent("0.001 – 0.01 · ada");
  });

  it("filters by dragging a handle", () => {
    const { getByRole, getByTestId, store } = renderLinked((d) => (
      <RangePanel data={d} metrics={d.metrics} locks={[]} onLock={() => {}} onUnlock={() => {}} />
    ));
    const high = getByRole("slider", { name: "loss high" });
    const track = high.closest("svg")!;
    fireEvent.pointerDown(high, { pointerId: 1, clientX: 212 });
    fireEvent.pointerMove(track, { pointerId: 1, clientX: 60 }); // jsdom boxes sit at 0
    fireEvent.pointerUp(track, { pointerId: 1 });

    const filter = store.getState().brushes["sliders"]?.["m:loss"];
    expect(filter?.kind).toBe("range");
    expect(getByTestId("range-loss")).toHaveTextContent("0.3"); // only 0.3 is low enough
  });
});
