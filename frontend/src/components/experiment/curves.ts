import type { MetricHistory } from "../../hooks/experimentApi";
import { decodeFloat } from "../../lib/numbers";

/** What a curve's x axis counts: epochs, steps (batches), or logging order (no axis given). */
export type XAxisKind = "epoch" | "step" | "index";

/** One metric of one experiment, ready to draw: x and y per point, with its epoch if any. */
export interface Curve {
  xs: number[];
  ys: number[];
  epochs: (number | null)[];
  axis: XAxisKind;
  total: number;
  downsampled: boolean;
}

/**
 * The x axis a history reads best on: per epoch when each epoch has one point, per step when
 * steps are given, else by position (a script such as k-means logs once, with neither).
 */
export function axisOf(history: MetricHistory): XAxisKind {
  const points = history.points;
  if (points.length === 0) return "index";
  const epochs = new Set<number>();
  let everyEpoch = true;
  let everyStep = true;
  for (const point of points) {
    if (point.epoch === null) everyEpoch = false;
    else epochs.add(point.epoch);
    if (point.step === null) everyStep = false;
  }
  if (everyEpoch && epochs.size === points.length) return "epoch";
  return everyStep ? "step" : "index";
}

export function toCurve(history: MetricHistory): Curve {
  const axis = axisOf(history);
  const xs = history.points.map((point, i) =>
    axis === "epoch" ? (point.epoch ?? i) : axis === "step" ? (point.step ?? i) : i + 1,
  );
  return {
    xs,
    ys: history.points.map((point) => decodeFloat(point.value)),
    epochs: history.points.map((point) => point.epoch),
    axis,
    total: history.total,
    downsampled: history.downsampled,
  };
}

/** The curve as it was at the end of `epoch` (replay); curves without epochs stay whole. */
export function upToEpoch(curve: Curve, epoch: number | null): Curve {
  if (epoch === null || curve.epochs.every((e) => e === null)) return curve;
  let end = 0;
  while (end < curve.epochs.length && (curve.epochs[end] ?? -Infinity) <= epoch) end += 1;
  return {
    ...curve,
    xs: curve.xs.slice(0, end),
    ys: curve.ys.slice(0, end),
    epochs: curve.epochs.slice(0, end),
  };
}

/** The last epoch any of the experiments' metrics reached, or null when none has epochs. */
export function lastEpoch(
  summaries: Record<string, { last_epoch: number | null }>[],
): number | null {
  let last: number | null = null;
  for (const metrics of summaries) {
    for (const summary of Object.values(metrics)) {
      if (summary.last_epoch !== null)
        last = Math.max(last ?? summary.last_epoch, summary.last_epoch);
    }
  }
  return last;
}

/** Index of the point whose x is nearest to `x` (xs ascending), or -1 for an empty curve. */
export function nearestIndex(xs: number[], x: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid;
    else hi = mid;
  }
  return Math.abs((xs[lo] ?? 0) - x) <= Math.abs((xs[hi] ?? 0) - x) ? lo : hi;
}

/** Extent of the finite ys whose x lies in [x0, x1]; padded when flat, [0, 1] when empty. */
export function yExtent(curves: Curve[], x0: number, x1: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const curve of curves) {
    curve.xs.forEach((x, i) => {
      const y = curve.ys[i] ?? NaN;
      if (x < x0 || x > x1 || !Number.isFinite(y)) return;
      low = Math.min(low, y);
      high = Math.max(high, y);
    });
  }
  if (low > high) return [0, 1];
  if (low === high) return [low - (Math.abs(low) || 1) * 0.1, high + (Math.abs(high) || 1) * 0.1];
  return [low, high];
}

/** Extent of every x of the curves, [0, 1] when there is none. */
export function xExtent(curves: Curve[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const curve of curves) {
    for (const x of curve.xs) {
      low = Math.min(low, x);
      high = Math.max(high, x);
    }
  }
  if (low > high) return [0, 1];
  return low === high ? [low - 1, high + 1] : [low, high];
}
