import { createContext, useContext, useSyncExternalStore } from "react";
import type { SelectionState, SelectionStore } from "../lib/selection";

export const SelectionContext = createContext<SelectionStore | null>(null);

export function useSelectionStore(): SelectionStore {
  const store = useContext(SelectionContext);
  if (store === null) throw new Error("useSelectionStore needs a SelectionContext provider");
  return store;
}

export interface SelectionView {
  state: SelectionState;
  mask: Uint8Array | null;
  version: number;
}

/** The shared selection; every linked view re-renders when it changes. */
export function useSelection(): SelectionView {
  const store = useSelectionStore();
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  return { state: store.getState(), mask: store.getMask(), version };
}
