import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { SelectionContext } from "../hooks/useSelection";
import { buildDataset, type Dataset } from "../lib/dataset";
import { SelectionStore } from "../lib/selection";
import { sampleColumns } from "./columns";

/** Render a linked view with its own selection store over `data` (the sample run by default). */
export function renderLinked(
  view: (data: Dataset) => ReactElement,
  data = buildDataset(sampleColumns()),
) {
  const store = new SelectionStore();
  store.setData(data);
  const wrap = (element: ReactElement) => (
    <SelectionContext.Provider value={store}>{element}</SelectionContext.Provider>
  );
  const result = render(wrap(view(data)));
  return {
    ...result,
    rerender: (element: ReactElement) => result.rerender(wrap(element)),
    store,
    data,
  };
}
