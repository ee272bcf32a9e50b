/** The declarative chart specs of the built-in artifact kinds (docs/charts.md). */

export type Label = string | number;
/** A plotted value: a number, or null / "NaN" / "±Infinity", drawn as a gap. */
export type SpecValue = number | string | null;

interface Common {
  title?: string;
  description?: string;
  epoch?: number;
}

export interface Example {
  id?: Label;
  pixels?: number[];
  caption?: string;
}

export interface ConfusionSpec extends Common {
  labels: Label[];
  matrix: number[][];
  normalize?: boolean | string;
  examples?: Record<string, Example[]>;
  image_shape?: number[];
  pixel_range?: [number, number];
}

export interface LineSpec extends Common {
  series: { name: string; x: number[]; y: SpecValue[] }[];
  x_label?: string;
  y_label?: string;
  x_scale?: "linear" | "log";
  y_scale?: "linear" | "log";
  annotations?: { x?: number; y?: number; label: string }[];
}

export interface BarSpec extends Common {
  categories: Label[];
  series: { name: string; values: SpecValue[] }[];
  x_label?: string;
  y_label?: string;
  stacked?: boolean;
  orientation?: "vertical" | "horizontal";
}

export interface ScatterSpec extends Common {
  series: { name: string; x: number[]; y: number[]; labels?: string[]; sizes?: number[] }[];
  x_label?: string;
  y_label?: string;
  x_scale?: "linear" | "log";
  y_scale?: "linear" | "log";
}

export interface HeatmapSpec extends Common {
  x_labels: Label[];
  y_labels: Label[];
  values: SpecValue[][];
  x_label?: string;
  y_label?: string;
  value_label?: string;
  color_scale?: "linear" | "log";
}

export interface ImageGridSpec extends Common {
  images: { pixels: number[]; label?: Label; caption?: string }[];
  image_shape: number[];
  pixel_range?: [number, number];
  columns?: number;
}

export interface TableSpec extends Common {
  rows: (unknown[] | Record<string, unknown>)[];
  columns?: string[];
}

/** The kinds the view draws; other kinds are listed by name only. */
export const BUILT_IN_KINDS = [
  "confusion_matrix",
  "line",
  "bar",
  "scatter",
  "heatmap",
  "image_grid",
  "table",
] as const;

/** A spec value as a number; NaN for the gaps. */
export function specNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return NaN;
}

/** [low, high] of the finite numbers, padded when flat; `fallback` when there are none. */
export function extentOf(values: number[], fallback: [number, number] = [0, 1]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low > high) return fallback;
  return low === high
    ? [low - (Math.abs(low) || 1) * 0.1, high + (Math.abs(high) || 1) * 0.1]
    : [low, high];
}

/** Examples of the cell `row,column` of a confusion matrix, or none. */
export function cellExamples(spec: ConfusionSpec, row: number, column: number): Example[] {
  return spec.examples?.[`${row},${column}`] ?? [];
}
