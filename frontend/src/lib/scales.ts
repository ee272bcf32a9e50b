import { scaleBand, scaleLinear, scaleLog, ticks as niceTicks } from "d3";
import { isPresent, type Dim } from "./dataset";
import { formatNumber } from "./numbers";

/** A value filter on one dimension: a numeric interval, or a set of band labels. */
export type Filter = { kind: "range"; lo: number; hi: number } | { kind: "set"; keys: string[] };

export interface Tick {
  position: number;
  label: string;
}

/** One axis of a chart: where a value goes, and which values a pixel interval covers. */
export interface Axis {
  kind: Dim["kind"];
  /** Pixel position of experiment `i`, or null when its value is missing. */
  position(dim: Dim, i: number): number | null;
  /** Pixel positions of every experiment of the axis' own dimension; NaN when missing. */
  positions(): Float32Array;
  /** Pixel position of a plain value (band dims: a code). */
  at(value: number): number;
  ticks(count: number): Tick[];
  /** The values under the pixel interval [a, b] (either order). */
  filterFor(a: number, b: number): Filter | null;
  /** The pixel interval a filter covers, to draw a restored brush. */
  pixelsOf(filter: Filter): [number, number] | null;
  bandwidth: number;
}

/** Domain of the finite values (positive only on a log axis); a lone value gets padding. */
export function numericDomain(numbers: ArrayLike<number>, log: boolean): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < numbers.length; i += 1) {
    const value = numbers[i] ?? NaN;
    if (!Number.isFinite(value) || (log && value <= 0)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low > high) return log ? [1, 10] : [0, 1];
  if (low !== high) return [low, high];
  if (log) return [low / 2, low * 2];
  const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
  return [low - pad, high + pad];
}

// Axes depend only on their dimension and pixel range: every plot of a grid row (or column)
// shares one, with its positions computed once per dataset rather than once per plot.
const axes = new WeakMap<Dim, Map<string, Axis>>();

/** An axis over `range` (pixels, in drawing order) for `dim`. */
export function makeAxis(dim: Dim, range: [number, number]): Axis {
  const key = `${range[0]}:${range[1]}`;
  let byRange = axes.get(dim);
  if (!byRange) axes.set(dim, (byRange = new Map()));
  let axis = byRange.get(key);
  if (!axis) {
    axis = dim.kind === "band" ? bandAxis(dim, range) : numericAxis(dim, range);
    byRange.set(key, axis);
  }
  return axis;
}

/** Lazily, the pixel position of every experiment on `dim`: NaN where the value is missing. */
function positionsOf(dim: Dim, at: (value: number) => number): () => Float32Array {
  let positions: Float32Array | null = null;
  return () => {
    if (positions) return positions;
    positions = new Float32Array(dim.numbers.length);
    for (let i = 0; i < positions.length; i += 1) {
      positions[i] = isPresent(dim, i) ? at(dim.numbers[i] ?? NaN) : NaN;
    }
    return positions;
  };
}

function numericAxis(dim: Dim, range: [number, number]): Axis {
  const log = dim.kind === "log";
  const domain = numericDomain(dim.numbers, log);
  const scale = log
    ? scaleLog().domain(domain).range(range)
    : scaleLinear().domain(domain).range(range);
  if (!log) scale.nice();

  return {
    kind: dim.kind,
    bandwidth: 0,
    position: (d, i) => (isPresent(d, i) ? scale(d.numbers[i] ?? NaN) : null),
    positions: positionsOf(dim, (value) => scale(value)),
    at: (value) => scale(value),
    ticks: (count) =>
      numericTicks(scale.domain() as [number, number], log, count).map((value) => ({
        position: scale(value),
        label: formatNumber(value),
      })),
    filterFor: (a, b) => {
      const [lo, hi] = [scale.invert(a), scale.invert(b)].toSorted((x, y) => x - y);
      return lo === undefined || hi === undefined ? null : { kind: "range", lo, hi };
    },
    pixelsOf: (filter) => (filter.kind === "range" ? [scale(filter.lo), scale(filter.hi)] : null),
  };
}

function numericTicks(domain: [number, number], log: boolean, count: number): number[] {
  if (!log) return niceTicks(domain[0], domain[1], count);
  const decades: number[] = [];
  for (let e = Math.floor(Math.log10(domain[0])); e <= Math.ceil(Math.log10(domain[1])); e += 1) {
    const value = 10 ** e;
    if (value >= domain[0] * 0.999 && value <= domain[1] * 1.001) decades.push(value);
  }
  if (decades.length < 2) return [domain[0], domain[1]];
  // Every n-th decade when there are more than the axis has room for.
  const every = Math.ceil(decades.length / Math.max(count, 2));
  return decades.filter((_, i) => i % every === 0);
}

function bandAxis(dim: Dim, range: [number, number]): Axis {
  const codes = dim.categories.map((_, i) => i);
  const scale = scaleBand<number>().domain(codes).range(range).padding(0.2);
  const width = scale.bandwidth();
  const centre = (code: number) => (scale(code) ?? 0) + width / 2;

  return {
    kind: "band",
    bandwidth: width,
    position: (d, i) => (isPresent(d, i) ? centre(d.numbers[i] ?? 0) : null),
    positions: positionsOf(dim, centre),
    at: centre,
    ticks: () =>
      codes.map((code) => ({ position: centre(code), label: dim.categories[code] ?? "" })),
    filterFor: (a, b) => {
      const [lo, hi] = [a, b].toSorted((x, y) => x - y) as [number, number];
      const keys = codes
        .filter((code) => centre(code) >= lo && centre(code) <= hi)
        .map((code) => dim.categories[code] ?? "");
      return { kind: "set", keys };
    },
    pixelsOf: (filter) => {
      if (filter.kind !== "set" || filter.keys.length === 0) return null;
      const positions = filter.keys.map((key) => centre(dim.categories.indexOf(key)));
      return [Math.min(...positions) - width / 2, Math.max(...positions) + width / 2];
    },
  };
}

/** A fixed pseudo-random offset in [-1, 1] per experiment, so jitter does not move on redraw. */
export function jitter(i: number): number {
  let h = (i + 1) * 2654435761;
  h ^= h >>> 15;
  h = Math.imul(h, 2246822519);
  h ^= h >>> 13;
  return ((h >>> 0) / 4294967295) * 2 - 1;
}

let jitters = new Float32Array(0);

/** `jitter(i)` for every i below `size`, computed once and shared by every plot. */
export function jitterTable(size: number): Float32Array {
  if (jitters.length < size) jitters = Float32Array.from({ length: size }, (_, i) => jitter(i));
  return jitters;
}

/** Whether experiment `i` passes `filter` on `dim`; a missing value never does. */
export function passes(dim: Dim, i: number, filter: Filter): boolean {
  if (!isPresent(dim, i)) return false;
  const value = dim.numbers[i] ?? NaN;
  if (filter.kind === "range") return value >= filter.lo && value <= filter.hi;
  return filter.keys.includes(dim.categories[value] ?? "");
}
