// @vitest-environment jsdom
import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CurveChart, type CurveLine } from "./CurveChart";
import type { Curve } from "./curves";

function curve(ys: number[], axis: Curve["axis"] = "epoch"): Curve {
  return {
    xs: ys.map((_, i) => i + 1),
    ys,
    epochs: ys.map((_, i) => i + 1),
    axis,
    total: ys.length,
    downsampled: false,
  };
}

const lines: CurveLine[] = [
  { key: "1", label: "#1 lr=0.1", color: "#111111", curve: curve([0.9, 0.5, 0.3]) },
  { key: "2", label: "#2 lr=0.01", color: "#222222", curve: curve([1.2, NaN, 0.6]) },
];

describe("CurveChart", () => {
  it("draws one path per experiment, with a gap at a NaN", () => {
    const { container } = render(<CurveChart name="val_loss" lines={lines} />);
    const paths = container.querySelectorAll("g.curve path");
    expect(paths).toHaveLength(2);
    expect(paths[0]?.getAttribute("d")?.match(/[ML]/g)).toHaveLength(3);
    expect(paths[1]?.getAttribute("d")?.match(/M/g)).toHaveLength(2);
    expect(container.querySelector("svg")?.getAttribute("aria-label")).toBe("val_loss by epoch");
  });

  it("hides a line when its legend entry is toggled off", () => {
    const { container, getByRole } = render(<CurveChart name="val_loss" lines={lines} />);
    fireEvent.click(getByRole("button", { name: /#2 lr=0.01/ }));
    expect(container.querySelectorAll("g.curve path")).toHaveLength(1);
    expect(getByRole("button", { name: /#2 lr=0.01/ }).getAttribute("aria-pressed")).toBe("false");
  });

  it("marks a lone point, as k-means logs once", () => {
    const lone = [{ key: "1", label: "#1", color: "#111", curve: curve([367], "index") }];
    const { container } = render(<CurveChart name="inertia" lines={lone} />);
    expect(container.querySelectorAll("g.curve circle")).toHaveLength(1);
    expect(container.querySelector("svg")?.getAttribute("aria-label")).toBe("inertia by record");
  });

  it("reports a zoom (to fetch its detail) and resets it on double-click", () => {
    const onZoom = vi.fn<(range: [number, number] | null) => void>();
    const { container } = render(<CurveChart name="val_loss" lines={lines} onZoom={onZoom} />);
    const figure = container.querySelector("figure")!;
    const overlay = container.querySelector("rect.overlay")!;
    fireEvent.pointerDown(overlay, { button: 0, clientX: 10, clientY: 10, pointerId: 1 });
    fireEvent.pointerUp(overlay, { button: 0, clientX: 200, clientY: 10, pointerId: 1 });
    expect(figure.getAttribute("data-zoomed")).toBe("true");
    expect(onZoom.mock.calls[0]?.[0]?.[0]).toBeGreaterThanOrEqual(1);
    fireEvent.doubleClick(overlay);
    expect(figure.getAttribute("data-zoomed")).toBe("false");
    expect(onZoom).toHaveBeenLastCalledWith(null);
  });
});
