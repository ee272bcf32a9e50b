import { useState } from "react";
import type { SelectionRead } from "../../api/client";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import type { Dataset } from "../../lib/dataset";
import {
  countSelected,
  isActive,
  parseSelectionState,
  type SelectionState,
} from "../../lib/selection";

interface Props {
  data: Dataset;
  saved: SelectionRead[];
  /** Without these (a viewer) selections can be restored but not saved, deleted or launched. */
  onSave?: ((name: string, state: SelectionState, ids: number[]) => Promise<unknown>) | undefined;
  onDelete?: ((id: number) => void) | undefined;
  onNewRun?: (() => void) | undefined;
}

/** How many experiments are selected, one click to clear, named selections, next run. */
export function SelectionBar({ data, saved, onSave, onDelete, onNewRun }: Props) {
  const store = useSelectionStore();
  const { state, mask } = useSelection();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const active = isActive(state);
  const count = countSelected(mask, data.size);

  const save = async () => {
    const ids = mask ? data.ids.filter((_, i) => mask[i] === 1) : [];
    if (!onSave) return;
    try {
      await onSave(name.trim(), state, ids);
      setName("");
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <div className="selection-bar">
      <strong data-testid="selection-count">
        {active ? `${count} of ${data.size} selected` : `${data.size} experiments`}
      </strong>
      <button type="button" onClick={() => store.clear()} disabled={!active}>
        Clear selection
      </button>
      {onSave && (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Name this selection"
            aria-label="Selection name"
          />
          <button type="submit" disabled={!active || !name.trim()}>
            Save
          </button>
        </form>
      )}
      {error && <span className="field-error">{error}</span>}
      <div className="saved" aria-label="Saved selections">
        {saved.map((item) => (
          <span key={item.id} className="chip">
            <button
              type="button"
              className="link"
              onClick={() => store.restore(parseSelectionState(item.state))}
              title={`saved by ${item.created_by}`}
            >
              {item.name}
            </button>
            {onDelete && (
              <button
                type="button"
                className="link"
                aria-label={`Delete selection ${item.name}`}
                onClick={() => onDelete(item.id)}
              >
                ×
              </button>
            )}
          </span>
        ))}
      </div>
      {onNewRun && (
        <button type="button" className="primary" onClick={onNewRun}>
          New run from selection
        </button>
      )}
    </div>
  );
}
