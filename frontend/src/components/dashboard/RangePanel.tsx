import type { LockRead, LockWrite } from "../../api/client";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import type { Dataset, Dim } from "../../lib/dataset";
import type { Filter } from "../../lib/scales";
import { RangeSlider } from "./RangeSlider";

export const SLIDER_SOURCE = "sliders";

interface Props {
  data: Dataset;
  metrics: Dim[];
  locks: LockRead[];
  /** Without these (a viewer) the locks show but cannot change. */
  onLock?: ((name: string, body: LockWrite) => void) | undefined;
  onUnlock?: ((name: string) => void) | undefined;
}

function lockBody(filter: Filter): LockWrite {
  if (filter.kind === "set") return { values: filter.keys };
  return { low: filter.lo, high: filter.hi };
}

/** The left panel: a range slider per hyperparameter (with its lock) and per metric. */
export function RangePanel({ data, metrics, locks, onLock, onUnlock }: Props) {
  const store = useSelectionStore();
  const { state, mask, version } = useSelection();
  const sliders = state.brushes[SLIDER_SOURCE] ?? {};

  const setFilter = (dim: Dim, filter: Filter | null) => {
    const next = { ...store.getState().brushes[SLIDER_SOURCE] };
    if (filter === null) delete next[dim.key];
    else next[dim.key] = filter;
    store.setBrush(SLIDER_SOURCE, next);
  };

  const slider = (dim: Dim, lockable: boolean) => {
    const lock = locks.find((item) => item.name === dim.name);
    return (
      <RangeSlider
        key={dim.key}
        data={data}
        dim={dim}
        mask={mask}
        filter={sliders[dim.key]}
        onFilter={(filter) => setFilter(dim, filter)}
        lock={lockable ? lock : undefined}
        onLock={lockable && onLock ? (filter) => onLock(dim.name, lockBody(filter)) : undefined}
        onUnlock={lockable && onUnlock ? () => onUnlock(dim.name) : undefined}
      />
    );
  };

  return (
    <aside className="range-panel" aria-label="Ranges" data-view="sliders" data-version={version}>
      <h3>Hyperparameters</h3>
      {data.params.map((dim) => slider(dim, true))}
      <h3>Metrics</h3>
      {metrics.map((dim) => slider(dim, false))}
    </aside>
  );
}
