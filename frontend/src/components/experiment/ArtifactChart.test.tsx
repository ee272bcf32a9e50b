// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ArtifactChart } from "./ArtifactChart";

// The examples of docs/charts.md, one per built-in kind.
const EXAMPLES: Record<string, unknown> = {
  line: {
    title: "Elbow",
    x_label: "clusters k",
    y_label: "inertia",
    series: [{ name: "inertia", x: [1, 2, 3, 4, 5], y: [1259, 698, 456, 401, 367] }],
    annotations: [{ x: 3, label: "chosen k" }],
  },
  bar: {
    categories: ["cluster 0", "cluster 1", "cluster 2"],
    series: [{ name: "size", values: [62, 50, 66] }],
    y_label: "samples",
  },
  scatter: {
    series: [
      { name: "cluster 0", x: [0.1, 0.3], y: [1.2, 0.9], labels: ["#4", "#9"] },
      { name: "cluster 1", x: [-1.0], y: [0.2] },
    ],
  },
  heatmap: {
    x_labels: ["lr 0.001", "lr 0.01"],
    y_labels: [32, 64],
    values: [
      [0.91, 0.95],
      [0.89, null],
    ],
    value_label: "val_accuracy",
  },
  image_grid: {
    image_shape: [2, 2],
    pixel_range: [0, 16],
    columns: 2,
    images: [
      { pixels: [0, 16, 16, 0], label: "7", caption: "predicted 1" },
      { pixels: [16, 0, 0, 16], label: "2" },
    ],
  },
  table: {
    columns: ["cluster", "size", "silhouette"],
    rows: [
      [0, 62, 0.31],
      [1, 50, 0.28],
    ],
  },
  confusion_matrix: {
    labels: ["0", "1"],
    matrix: [
      [3, 1],
      [0, 4],
    ],
  },
};

function draw(kind: string) {
  return render(<ArtifactChart kind={kind} name={kind} payload={EXAMPLES[kind]} />).container;
}

describe("ArtifactChart", () => {
  it("draws a line spec: a point per x, the annotation, the title", () => {
    const chart = draw("line");
    expect(chart.querySelectorAll("circle.spec-point")).toHaveLength(5);
    expect(chart.querySelector(".annotation")?.textContent).toBe("chosen k");
    expect(chart.textContent).toContain("Elbow");
  });

  it("draws bars, scatter points, heat-map cells with a gap, images and table rows", () => {
    expect(draw("bar").querySelectorAll("rect.spec-bar")).toHaveLength(3);
    expect(draw("scatter").querySelectorAll("circle.spec-point")).toHaveLength(3);
    const heatmap = draw("heatmap");
    expect(heatmap.querySelectorAll("rect.cell")).toHaveLength(4);
    expect(heatmap.querySelectorAll("rect.cell.missing")).toHaveLength(1);
    expect(draw("image_grid").querySelectorAll("svg.pixel-image")).toHaveLength(2);
    const table = draw("table");
    expect(table.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(table.querySelector("tbody td")?.textContent).toBe("0");
    expect(draw("confusion_matrix").querySelectorAll("rect.cell")).toHaveLength(4);
  });

  it("stacks bars when asked, and names kinds it cannot draw", () => {
    const stacked = {
      categories: ["a", "b"],
      series: [
        { name: "x", values: [1, 2] },
        { name: "y", values: [3, "NaN"] },
      ],
      stacked: true,
      orientation: "horizontal",
    };
    const { container } = render(<ArtifactChart kind="bar" name="s" payload={stacked} />);
    expect(container.querySelectorAll("rect.spec-bar")).toHaveLength(3);
    const other = render(<ArtifactChart kind="weights" name="w" payload={{}} />).container;
    expect(other.textContent).toContain("No built-in drawing");
  });
});
