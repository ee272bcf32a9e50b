// @vitest-environment jsdom
import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConfusionMatrix } from "./ConfusionMatrix";
import type { ConfusionSpec } from "./specs";

const spec: ConfusionSpec = {
  labels: ["0", "1", "2"],
  matrix: [
    [30, 1, 0],
    [2, 28, 1],
    [0, 0, 33],
  ],
  examples: {
    "1,0": [
      { id: 117, pixels: [0, 16, 16, 0] },
      { id: 4, pixels: [16, 0, 0, 16] },
    ],
  },
  image_shape: [2, 2],
};

describe("ConfusionMatrix", () => {
  it("draws a cell per (true, predicted) pair, darker for more", () => {
    const { container } = render(<ConfusionMatrix spec={spec} />);
    const cells = container.querySelectorAll("rect.cell");
    expect(cells).toHaveLength(9);
    const fill = (cell: string) =>
      container.querySelector(`rect[data-cell="${cell}"]`)?.getAttribute("fill");
    expect(fill("2,2")).not.toBe(fill("0,2"));
  });

  it("shows the count and the misclassified images of a hovered cell", () => {
    const { container, getByTestId } = render(<ConfusionMatrix spec={spec} />);
    fireEvent.pointerEnter(container.querySelector('rect[data-cell="1,0"]')!);
    expect(getByTestId("cell-count").textContent).toBe("2");
    const images = getByTestId("cell-detail").querySelectorAll("svg.pixel-image");
    expect(images).toHaveLength(2);
    expect(images[0]?.querySelectorAll("rect")).toHaveLength(4);
    // Ink is dark: pixel 16 of 0..16 is black, 0 is white.
    const inks = [...(images[0]?.querySelectorAll("rect") ?? [])].map((r) =>
      r.getAttribute("fill"),
    );
    expect(inks).toEqual(["rgb(255,255,255)", "rgb(0,0,0)", "rgb(0,0,0)", "rgb(255,255,255)"]);
  });

  it("keeps a clicked cell after the pointer leaves", () => {
    const { container, getByTestId, queryByTestId } = render(<ConfusionMatrix spec={spec} />);
    const cell = container.querySelector('rect[data-cell="0,1"]')!;
    fireEvent.pointerEnter(cell);
    fireEvent.click(cell);
    fireEvent.pointerLeave(cell);
    expect(getByTestId("cell-count").textContent).toBe("1");
    expect(queryByTestId("example")).toBeNull();
  });
});
