import type { ExperimentColumns } from "../api/client";
import { decodeFloat, formatValue } from "./numbers";

export type AxisKind = "linear" | "log" | "band";
export type MetricStat = "last" | "min" | "max";
const STATS: readonly MetricStat[] = ["last", "min", "max"];

/** One dimension of the linked views: a hyperparameter or a metric, as flat arrays. */
export interface Dim {
  key: string;
  name: string;
  role: "param" | "metric";
  kind: AxisKind;
  /** Numeric value per experiment; NaN, ±Infinity mean missing. Band dims hold codes here. */
  numbers: Float64Array;
  /** Band dims: the label of each code; a code of -1 (stored as NaN) is missing. */
  categories: string[];
  /** Few distinct values (a grid): scatter plots jitter them so stacked points stay visible. */
  discrete: boolean;
  /** The raw values, for the table. */
  raw: unknown[];
}

export interface Dataset {
  size: number;
  ids: number[];
  index: number[];
  status: string[];
  reason: (string | null)[];
  stopRequested: boolean[];
  nonfinite: number[];
  params: Dim[];
  metrics: Dim[];
  dims: Map<string, Dim>;
  position: Map<number, number>;
}

export const paramKey = (name: string): string => `p:${name}`;
export const metricKey = (name: string): string => `m:${name}`;

const DISCRETE_LIMIT = 24;

/** Merge a change-feed answer (`full` false) into what the dashboard holds, by experiment id. */
export function mergeColumns(
  previous: ExperimentColumns | undefined,
  next: ExperimentColumns,
): ExperimentColumns {
  if (!previous || next.full) return next;

  const merged = structuredCloneColumns(previous);
  const metricNames = [...new Set([...previous.metrics, ...next.metrics])].toSorted();
  const paramNames = new Map(previous.params.map((p) => [p.name, p]));
  // A change feed infers axes from the changed experiments only: keep the ones already known.
  for (const p of next.params) if (!paramNames.has(p.name)) paramNames.set(p.name, p);
  merged.metrics = metricNames;
  merged.params = [...paramNames.values()];

  const at = new Map(merged.id.map((id, i) => [id, i]));
  next.id.forEach((id, j) => {
    let i = at.get(id);
    if (i === undefined) {
      i = merged.id.length;
      at.set(id, i);
      appendBlank(merged);
      merged.id[i] = id;
    }
    copyRow(merged, next, i, j);
  });
  return { ...merged, cursor: next.cursor, run_status: next.run_status, total: next.total };
}

function structuredCloneColumns(columns: ExperimentColumns): ExperimentColumns {
  const metricValues: ExperimentColumns["metric_values"] = {};
  for (const [name, stats] of Object.entries(columns.metric_values)) {
    metricValues[name] = Object.fromEntries(
      STATS.filter((stat) => stats[stat]).map((stat) => [stat, [...(stats[stat] ?? [])]]),
    );
  }
  const values: ExperimentColumns["values"] = {};
  for (const [name, list] of Object.entries(columns.values)) values[name] = [...list];
  return {
    ...columns,
    id: [...columns.id],
    index: [...columns.index],
    status: [...columns.status],
    reason: [...columns.reason],
    stop_requested: [...columns.stop_requested],
    nonfinite: [...columns.nonfinite],
    values,
    metric_values: metricValues,
  };
}

function appendBlank(columns: ExperimentColumns): void {
  columns.id.push(0);
  columns.index.push(0);
  columns.status.push("queued");
  columns.reason.push(null);
  columns.stop_requested.push(false);
  columns.nonfinite.push(0);
}

function copyRow(into: ExperimentColumns, from: ExperimentColumns, i: number, j: number): void {
  const size = into.id.length;
  into.index[i] = from.index[j] ?? 0;
  into.status[i] = from.status[j] ?? "queued";
  into.reason[i] = from.reason[j] ?? null;
  into.stop_requested[i] = from.stop_requested[j] ?? false;
  into.nonfinite[i] = from.nonfinite[j] ?? 0;
  for (const p of into.params) {
    const column = (into.values[p.name] ??= []);
    while (column.length < size) column.push(null);
    column[i] = from.values[p.name]?.[j] ?? null;
  }
  for (const name of into.metrics) {
    const stats = (into.metric_values[name] ??= {});
    for (const stat of STATS) {
      // Only the summaries the answers carry (the dashboard asks for one at a time).
      if (!from.metric_values[name]?.[stat] && !stats[stat]) continue;
      const column = (stats[stat] ??= []);
      while (column.length < size) column.push(null);
      column[i] = from.metric_values[name]?.[stat]?.[j] ?? null;
    }
  }
}

/** Flat typed arrays for the views, built once per answer (not per brush). */
export function buildDataset(columns: ExperimentColumns, stat: MetricStat = "last"): Dataset {
  const size = columns.id.length;
  const params = columns.params.map((info) =>
    info.scale === "band"
      ? bandDim(info.name, columns.values[info.name] ?? [], size, info.values)
      : numericDim(
          paramKey(info.name),
          info.name,
          "param",
          info.scale,
          columns.values[info.name] ?? [],
          size,
        ),
  );
  const metrics = columns.metrics.map((name) =>
    numericDim(
      metricKey(name),
      name,
      "metric",
      "linear",
      columns.metric_values[name]?.[stat] ?? [],
      size,
    ),
  );

  const dims = new Map<string, Dim>();
  for (const dim of [...params, ...metrics]) dims.set(dim.key, dim);
  return {
    size,
    ids: columns.id,
    index: columns.index,
    status: columns.status,
    reason: columns.reason,
    stopRequested: columns.stop_requested,
    nonfinite: columns.nonfinite,
    params,
    metrics,
    dims,
    position: new Map(columns.id.map((id, i) => [id, i])),
  };
}

function numericDim(
  key: string,
  name: string,
  role: Dim["role"],
  kind: AxisKind,
  raw: unknown[],
  size: number,
): Dim {
  const numbers = new Float64Array(size);
  const distinct = new Set<number>();
  for (let i = 0; i < size; i += 1) {
    const value = decodeFloat(raw[i]);
    numbers[i] = value;
    if (distinct.size <= DISCRETE_LIMIT && Number.isFinite(value)) distinct.add(value);
  }
  const discrete = role === "param" && distinct.size <= DISCRETE_LIMIT;
  return { key, name, role, kind, numbers, categories: [], discrete, raw: raw.slice(0, size) };
}

function bandDim(name: string, raw: unknown[], size: number, listed?: unknown[] | null): Dim {
  const labels = (listed ?? []).filter((v) => v !== null).map((v) => formatValue(v));
  const codes = new Map(labels.map((label, i) => [label, i]));
  const numbers = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const value = raw[i];
    if (value === null || value === undefined) {
      numbers[i] = NaN;
      continue;
    }
    const label = formatValue(value);
    let code = codes.get(label);
    if (code === undefined) {
      code = labels.length;
      labels.push(label);
      codes.set(label, code);
    }
    numbers[i] = code;
  }
  const dim: Dim = {
    key: paramKey(name),
    name,
    role: "param",
    kind: "band",
    numbers,
    categories: labels,
    discrete: true,
    raw: raw.slice(0, size),
  };
  return dim;
}

/** Whether experiment `i` has a usable value in `dim` (finite, and above zero on a log axis). */
export function isPresent(dim: Dim, i: number): boolean {
  const value = dim.numbers[i] ?? NaN;
  return Number.isFinite(value) && (dim.kind !== "log" || value > 0);
}
