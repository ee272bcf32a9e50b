import { describe, expect, it } from "vitest";
import { fitCells, GRID_GAP, LABEL_WIDTH, MIN_CELL_WIDTH } from "./gridFit";

const LARGEST = { width: 210, height: 150 };

describe("the scatter grid's plot size", () => {
  it("is the largest while the grid's width is unknown or roomy", () => {
    expect(fitCells(null, 7, LARGEST)).toEqual(LARGEST);
    expect(fitCells(2000, 3, LARGEST)).toEqual(LARGEST);
  });

  it("shrinks, in proportion, so that every column fits", () => {
    const width = 1200;
    const cell = fitCells(width, 7, LARGEST);
    expect(LABEL_WIDTH + 7 * (cell.width + GRID_GAP)).toBeLessThanOrEqual(width);
    expect(cell.width).toBeGreaterThan(MIN_CELL_WIDTH);
    expect(cell.height / cell.width).toBeCloseTo(150 / 210, 1);
  });

  it("stops shrinking where ticks would crowd: the grid then scrolls", () => {
    expect(fitCells(900, 12, LARGEST).width).toBe(MIN_CELL_WIDTH);
  });
});
