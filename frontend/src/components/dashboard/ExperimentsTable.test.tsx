// @vitest-environment jsdom
import { act, fireEvent, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { paramKey } from "../../lib/dataset";
import { renderLinked } from "../../test/render";
import { ExperimentsTable } from "./ExperimentsTable";

// jsdom lays nothing out: give the scrolling box a size so the virtualizer renders rows.
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(400);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(800);
});

const rows = (container: HTMLElement) => [
  ...container.querySelectorAll("tbody tr[data-experiment]"),
];

describe("ExperimentsTable", () => {
  it("lists experiments with their values, metrics and flags", () => {
    const { container } = renderLinked((d) => <ExperimentsTable data={d} />);
    expect(rows(container)).toHaveLength(4);
    const failed = rows(container)[2]!;
    expect(within(failed as HTMLElement).getByText("failed")).toBeInTheDocument();
    expect(failed).toHaveTextContent("exit code 1");
    expect(rows(container)[1]).toHaveTextContent("1 NaN/inf");
  });

  it("marks the rows of the shared selection", () => {
    const { container, store } = renderLinked((d) => <ExperimentsTable data={d} />);
    act(() => store.setBrush("b", { [paramKey("opt")]: { kind: "set", keys: ["sgd"] } }));
    const selected = container.querySelectorAll("tbody tr[aria-selected=true]");
    expect([...selected].map((row) => row.getAttribute("data-experiment"))).toEqual(["12"]);
  });

  it("picks rows: click one, ctrl-click more, shift-click a span", () => {
    const { container, store } = renderLinked((d) => <ExperimentsTable data={d} />);
    fireEvent.click(rows(container)[0]!);
    expect(store.getState().picked).toEqual([11]);
    fireEvent.click(rows(container)[2]!, { ctrlKey: true });
    expect(store.getState().picked).toEqual([11, 13]);
    fireEvent.click(rows(container)[3]!, { shiftKey: true });
    expect(store.getState().picked?.toSorted()).toEqual([11, 13, 14]);
  });

  it("sorts by a column, missing values last", () => {
    const { container, getByText } = renderLinked((d) => <ExperimentsTable data={d} />);
    const ids = () => rows(container).map((row) => row.getAttribute("data-experiment"));
    fireEvent.click(getByText("loss")); // numbers sort descending first; +inf is a value
    expect(ids()).toEqual(["12", "13", "11", "14"]);
    fireEvent.click(getByText(/loss/));
    expect(ids()).toEqual(["11", "13", "12", "14"]);
  });
  it("opens the experiment of a plainly clicked row; ctrl-click only picks, for overlays", () => {
    const onOpen = vi.fn<(id: number) => void>();
    const { container, store } = renderLinked((d) => (
      <ExperimentsTable data={d} openId={12} onOpen={onOpen} />
    ));
    expect(rows(container)[1]).toHaveClass("open");
    fireEvent.click(rows(container)[0]!);
    expect(onOpen).toHaveBeenCalledWith(11);
    fireEvent.click(rows(container)[0]!);
    expect(store.getState().picked).toEqual([11]); // opening again keeps it picked
    fireEvent.click(rows(container)[2]!, { ctrlKey: true });
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(store.getState().picked).toEqual([11, 13]);
  });
});
