/** The row-label column of the scatter grid and the gap between its cells, in pixels. */
export const LABEL_WIDTH = 28;
export const GRID_GAP = 4;
/** Below this width a plot's ticks crowd; the grid scrolls sideways instead. */
export const MIN_CELL_WIDTH = 160;

export interface CellSize {
  width: number;
  height: number;
}

/** The size of each plot so that `columns` of them fit across `width` (when it is known),
 * never larger than `largest` nor narrower than `MIN_CELL_WIDTH`, keeping its proportions. */
export function fitCells(width: number | null, columns: number, largest: CellSize): CellSize {
  if (!width || columns < 1) return largest;

  const room = (width - LABEL_WIDTH - GRID_GAP * columns) / columns;
  const cell = Math.max(MIN_CELL_WIDTH, Math.min(largest.width, Math.floor(room)));
  return { width: cell, height: Math.round((largest.height * cell) / largest.width) };
}
