import { describe, expect, it } from "vitest";
import type { MetricHistory } from "../../hooks/experimentApi";
import { axisOf, lastEpoch, nearestIndex, toCurve, upToEpoch, yExtent } from "./curves";

function history(points: [number | null, number | null, unknown][]): MetricHistory {
  return {
    name: "m",
    total: points.length,
    downsampled: false,
    points: points.map(([step, epoch, value]) => ({
      step,
      epoch,
      value: value as number,
      time: null,
    })),
  };
}

const summary = (last_epoch: number | null) => ({ last_epoch });

describe("curves", () => {
  it("reads per-epoch metrics by epoch, per-batch ones by step, k-means by record", () => {
    expect(
      axisOf(
        history([
          [23, 1, 0.5],
          [46, 2, 0.4],
        ]),
      ),
    ).toBe("epoch");
    expect(
      axisOf(
        history([
          [1, 1, 2.3],
          [2, 1, 2.1],
          [3, 2, 1.9],
        ]),
      ),
    ).toBe("step");
    expect(axisOf(history([[null, null, 367.2]]))).toBe("index");
    expect(toCurve(history([[null, null, 367.2]])).xs).toEqual([1]);
  });

  it("decodes NaN and infinities so they draw as gaps", () => {
    const curve = toCurve(
      history([
        [1, 1, "NaN"],
        [2, 2, "Infinity"],
        [3, 3, 0.2],
      ]),
    );
    expect(curve.ys[0]).toBeNaN();
    expect(curve.ys[1]).toBe(Infinity);
    expect(yExtent([curve], 0, 10)).toEqual([0.18, 0.22000000000000003]);
  });

  it("cuts a curve at the replayed epoch, leaving curves without epochs whole", () => {
    const batches = toCurve(
      history([
        [1, 1, 3],
        [2, 1, 2],
        [3, 2, 1],
        [4, 3, 0.5],
      ]),
    );
    expect(upToEpoch(batches, 2).xs).toEqual([1, 2, 3]);
    expect(upToEpoch(batches, null).xs).toHaveLength(4);
    const scores = toCurve(history([[null, null, 1]]));
    expect(upToEpoch(scores, 1)).toBe(scores);
  });

  it("finds the last epoch over experiments and the nearest point to the pointer", () => {
    expect(lastEpoch([{ a: summary(3) }, { a: summary(7), b: summary(null) }])).toBe(7);
    expect(lastEpoch([{ inertia: summary(null) }])).toBeNull();
    expect(nearestIndex([1, 2, 4, 8], 5.5)).toBe(2);
    expect(nearestIndex([1, 2, 4, 8], 7)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
