// @vitest-environment jsdom
import { act, fireEvent } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { metricKey } from "../../lib/dataset";
import { buildProjectData } from "../../lib/projectData";
import { sampleProjectTable } from "../../test/projectTable";
import { renderLinked } from "../../test/render";
import { ProjectTable } from "./ProjectTable";

// jsdom lays nothing out: give the scrolling box a size so the virtualizer renders rows.
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(400);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(800);
});

const project = buildProjectData(sampleProjectTable());
const rows = (container: HTMLElement) => [
  ...container.querySelectorAll<HTMLElement>("tbody tr[data-experiment]"),
];

function renderTable(onStar = vi.fn<(id: number, starred: boolean) => void>()) {
  const view = renderLinked(
    () => (
      <ProjectTable
        project={project}
        canEdit
        focused={null}
        onFocus={vi.fn<(id: number) => void>()}
        onStar={onStar}
      />
    ),
    project.data,
  );
  return { ...view, onStar };
}

describe("ProjectTable", () => {
  it("lists every run's experiments with run, tags, values, metrics and flags", () => {
    const { container } = renderTable();
    expect(rows(container)).toHaveLength(5);
    expect(rows(container)[2]).toHaveTextContent("tuned");
    expect(rows(container)[2]).toHaveTextContent("#promising");
    expect(rows(container)[3]).toHaveTextContent("production · note");
    expect(rows(container)[4]).toHaveTextContent("NaN");
  });

  it("stars from the row without picking it", () => {
    const { getByRole, onStar, store } = renderTable();
    fireEvent.click(getByRole("button", { name: "star experiment 4" }));
    expect(onStar).toHaveBeenCalledWith(4, true);
    expect(store.getState().picked).toBeNull();
  });

  it("picks replace a brush: a ctrl-click adds a row the brush left out", () => {
    const { container, store } = renderTable();
    act(() =>
      store.setBrush("progress", { [metricKey("acc")]: { kind: "range", lo: 0.8, hi: 1 } }),
    );
    expect(store.getMask()).toEqual(Uint8Array.from([0, 0, 1, 1, 0]));

    fireEvent.click(rows(container)[0]!, { ctrlKey: true });
    expect(store.getState()).toEqual({ brushes: {}, picked: [3, 4, 1] });

    fireEvent.click(rows(container)[3]!);
    expect(store.getState().picked).toEqual([4]);
    fireEvent.click(rows(container)[3]!);
    expect(store.getState().picked).toEqual([4]);
    fireEvent.click(rows(container)[3]!, { ctrlKey: true });
    expect(store.getState().picked).toBeNull();
  });
});
