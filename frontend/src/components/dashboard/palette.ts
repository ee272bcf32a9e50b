/** Colours shared by every linked view, so a selected experiment looks the same everywhere. */
export const COLORS = {
  base: "#4c78a8",
  selected: "#e45756",
  unselected: "#c9ced6",
  missing: "#9c27b0",
  brush: "rgba(228, 87, 86, 0.12)",
  lock: "rgba(245, 166, 35, 0.35)",
} as const;

/** Above this many points a chart draws on a canvas instead of SVG elements. */
export const SVG_POINT_LIMIT = 600;

/** Space kept beside an axis for experiments whose value is missing (NaN, ±inf, unset). */
export const MISSING_STRIP = 12;

/** `#rrggbb` as the 32-bit little-endian RGBA word an ImageData buffer holds. */
export function rgbaWord(hex: string, alpha = 255): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
