import { scaleLinear, type ScaleLinear } from "d3";
import { isPresent, metricKey } from "../../lib/dataset";
import { jitterTable, numericDomain } from "../../lib/scales";
import type { Filter } from "../../lib/scales";
import type { ProjectData } from "../../lib/projectData";
import type { PointLayer } from "../dashboard/pointCanvas";

/** The progress chart's scales: x by run place (0 = oldest), y by the objective value. */
export interface ProgressScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** Pixels between two runs. */
  step: number;
}

export function progressScales(
  project: ProjectData,
  width: number,
  height: number,
): ProgressScales {
  const runs = Math.max(1, project.runs.length);
  const step = width / runs;
  const x = scaleLinear()
    .domain([0, runs - 1 || 1])
    .range([step / 2, runs === 1 ? width : width - step / 2]);
  if (runs === 1) x.domain([0, 1]).range([width / 2, width]);
  const dim = objectiveDim(project);
  // A margin of 5 % keeps the worst and best points off the chart's edges.
  const [lo, hi] = numericDomain(dim?.numbers ?? [], false);
  const pad = (hi - lo) * 0.05;
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([height, 0])
    .nice();
  return { x, y, step };
}

export function objectiveDim(project: ProjectData) {
  return project.objective ? project.data.dims.get(metricKey(project.objective.metric)) : undefined;
}

/** Each experiment's point: its run's column (jittered) and its objective; missing ones hidden. */
export function progressLayer(project: ProjectData, scales: ProgressScales): PointLayer {
  const size = project.data.size;
  const dim = objectiveDim(project);
  const offsets = jitterTable(size);
  const spread = Math.min(12, scales.step * 0.3);
  const layer = {
    x: new Float32Array(size),
    y: new Float32Array(size),
    missing: new Uint8Array(size),
  };
  for (let i = 0; i < size; i += 1) {
    const present = dim !== undefined && isPresent(dim, i);
    layer.x[i] = scales.x(project.runPlace[i] ?? 0) + spread * (offsets[i] ?? 0);
    layer.y[i] = present ? scales.y(dim.numbers[i] ?? 0) : -100;
    layer.missing[i] = present ? 0 : 1;
  }
  return layer;
}

/** The run places and objective values a pixel rectangle covers, as the selection's filters. */
export function progressFilters(
  scales: ProgressScales,
  rect: { x0: number; x1: number; y0: number; y1: number },
): { run: Filter; value: Filter } {
  const [a, b] = [scales.x.invert(rect.x0), scales.x.invert(rect.x1)].toSorted((p, q) => p - q);
  const [lo, hi] = [scales.y.invert(rect.y0), scales.y.invert(rect.y1)].toSorted((p, q) => p - q);
  const spread = 0.5;
  return {
    run: { kind: "range", lo: Math.ceil((a ?? 0) - spread), hi: Math.floor((b ?? 0) + spread) },
    value: { kind: "range", lo: lo ?? 0, hi: hi ?? 0 },
  };
}
