import { isPresent, type Dataset, type Dim } from "./dataset";
import type { Filter } from "./scales";

/** Filters set by one source (a scatter plot's brush, a bar chart's brush, the sliders). */
export type Brush = Record<string, Filter>;

/** Everything that selects experiments; sources combine with AND. */
export interface SelectionState {
  brushes: Record<string, Brush>;
  /** Experiment ids picked in the table, or null when the table picks nothing. */
  picked: number[] | null;
}

export const EMPTY_SELECTION: SelectionState = { brushes: {}, picked: null };

export function isActive(state: SelectionState): boolean {
  return state.picked !== null || Object.keys(state.brushes).length > 0;
}

type Test = (i: number) => boolean;

function compile(dim: Dim, filter: Filter): Test {
  const numbers = dim.numbers;
  if (filter.kind === "range") {
    const { lo, hi } = filter;
    const log = dim.kind === "log";
    return (i) => {
      const value = numbers[i] ?? NaN;
      return value >= lo && value <= hi && Number.isFinite(value) && (!log || value > 0);
    };
  }
  const allowed = new Uint8Array(dim.categories.length);
  for (const key of filter.keys) {
    const code = dim.categories.indexOf(key);
    if (code >= 0) allowed[code] = 1;
  }
  return (i) => isPresent(dim, i) && allowed[numbers[i] ?? 0] === 1;
}

/** 1 for each experiment every brush and the table's picks let through; null when none is set. */
export function computeMask(data: Dataset, state: SelectionState): Uint8Array | null {
  if (!isActive(state)) return null;

  const tests: Test[] = [];
  for (const brush of Object.values(state.brushes)) {
    for (const [key, filter] of Object.entries(brush)) {
      const dim = data.dims.get(key);
      // A filter on a dimension this run lacks selects nothing rather than everything.
      tests.push(dim ? compile(dim, filter) : () => false);
    }
  }
  if (state.picked !== null) {
    const picked = new Set(state.picked);
    tests.push((i) => picked.has(data.ids[i] ?? -1));
  }

  const mask = new Uint8Array(data.size);
  for (let i = 0; i < data.size; i += 1) {
    let pass = 1;
    for (const test of tests) {
      if (!test(i)) {
        pass = 0;
        break;
      }
    }
    mask[i] = pass;
  }
  return mask;
}

export function countSelected(mask: Uint8Array | null, size: number): number {
  if (mask === null) return size;
  let count = 0;
  for (const bit of mask) count += bit;
  return count;
}

/** The values the selected experiments span on `dim`: [lo, hi] or band labels; null if none. */
export function selectedRange(dim: Dim, mask: Uint8Array | null, size: number): Filter | null {
  let lo = Infinity;
  let hi = -Infinity;
  const codes = new Set<number>();
  for (let i = 0; i < size; i += 1) {
    if ((mask !== null && mask[i] !== 1) || !isPresent(dim, i)) continue;
    const value = dim.numbers[i] ?? NaN;
    if (dim.kind === "band") codes.add(value);
    lo = Math.min(lo, value);
    hi = Math.max(hi, value);
  }
  if (lo > hi) return null;
  if (dim.kind !== "band") return { kind: "range", lo, hi };
  return {
    kind: "set",
    keys: [...codes].toSorted((a, b) => a - b).map((c) => dim.categories[c] ?? ""),
  };
}

/** The best experiment among the selected (all when none is), by the objective. */
export function bestExperiment(
  data: Dataset,
  mask: Uint8Array | null,
  objective: Dim | undefined,
  mode: "min" | "max",
): number | null {
  let best: number | null = null;
  let bestValue = mode === "max" ? -Infinity : Infinity;
  for (let i = 0; i < data.size; i += 1) {
    if (mask !== null && mask[i] !== 1) continue;
    if (objective === undefined || !isPresent(objective, i)) {
      if (best === null && objective === undefined) best = i;
      continue;
    }
    const value = objective.numbers[i] ?? NaN;
    if (mode === "max" ? value > bestValue : value < bestValue) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}

export type Listener = () => void;

/** The one selection every linked view reads: brushes, slider filters and table picks. */
export class SelectionStore {
  private state: SelectionState = EMPTY_SELECTION;
  private data: Dataset | null = null;
  private mask: Uint8Array | null = null;
  private version = 0;
  private listeners = new Set<Listener>();

  getState = (): SelectionState => this.state;
  getMask = (): Uint8Array | null => this.mask;
  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setData(data: Dataset): void {
    this.data = data;
    // With nothing selected the views need no second render: they already draw `data`.
    if (this.mask === null && !isActive(this.state)) return;
    this.update(this.state);
  }

  setBrush(source: string, brush: Brush | null): void {
    const brushes = { ...this.state.brushes };
    if (brush === null || Object.keys(brush).length === 0) delete brushes[source];
    else brushes[source] = brush;
    this.update({ ...this.state, brushes });
  }

  setPicked(picked: number[] | null): void {
    this.update({ ...this.state, picked: picked && picked.length ? picked : null });
  }

  restore(state: SelectionState): void {
    this.update(state);
  }

  clear(): void {
    this.update(EMPTY_SELECTION);
  }

  private update(state: SelectionState): void {
    this.state = state;
    this.mask = this.data ? computeMask(this.data, state) : null;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

function isFilter(value: unknown): value is Filter {
  const filter = value as { kind?: unknown; lo?: unknown; hi?: unknown; keys?: unknown };
  if (filter?.kind === "range")
    return typeof filter.lo === "number" && typeof filter.hi === "number";
  return (
    filter?.kind === "set" &&
    Array.isArray(filter.keys) &&
    filter.keys.every((k) => typeof k === "string")
  );
}

/** A saved selection's state, checked: whatever does not fit the shape is dropped. */
export function parseSelectionState(raw: unknown): SelectionState {
  const object = (raw ?? {}) as { brushes?: unknown; picked?: unknown };
  const brushes: Record<string, Brush> = {};
  for (const [source, brush] of Object.entries((object.brushes ?? {}) as Record<string, unknown>)) {
    const filters = Object.entries((brush ?? {}) as Record<string, unknown>).filter(([, f]) =>
      isFilter(f),
    );
    if (filters.length) brushes[source] = Object.fromEntries(filters) as Brush;
  }
  const picked = Array.isArray(object.picked)
    ? object.picked.filter((id): id is number => typeof id === "number")
    : null;
  return { brushes, picked: picked && picked.length ? picked : null };
}
