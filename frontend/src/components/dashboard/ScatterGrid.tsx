import { useElementWidth } from "../../hooks/useElementWidth";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import type { Dataset, Dim } from "../../lib/dataset";
import { fitCells, GRID_GAP, LABEL_WIDTH } from "./gridFit";
import { ScatterPlot } from "./ScatterPlot";

interface Props {
  data: Dataset;
  metrics: Dim[];
  /** The largest plot; plots shrink to fit the grid's width, down to a readable size. */
  cellWidth?: number;
  cellHeight?: number;
}

export const scatterSource = (x: Dim, y: Dim): string => `scatter:${x.key}|${y.key}`;

/** Every hyperparameter (rows, x axis) against every shown metric (columns, y axis); past
 * what fits, the grid scrolls sideways inside its box. */
export function ScatterGrid({ data, metrics, cellWidth = 210, cellHeight = 150 }: Props) {
  const store = useSelectionStore();
  const { state, mask, version } = useSelection();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const cell = fitCells(width, metrics.length, { width: cellWidth, height: cellHeight });

  if (data.params.length === 0 || metrics.length === 0) {
    return <p className="empty">No hyperparameters or metrics to plot yet.</p>;
  }
  return (
    <div
      ref={ref}
      className="scatter-grid"
      style={{
        gap: GRID_GAP,
        gridTemplateColumns: `${LABEL_WIDTH}px repeat(${metrics.length}, ${cell.width}px)`,
      }}
    >
      <div />
      {metrics.map((metric) => (
        <div key={metric.key} className="grid-label column">
          {metric.name}
        </div>
      ))}
      {data.params.map((param) => (
        <ScatterRow key={param.key} param={param}>
          {metrics.map((metric) => {
            const source = scatterSource(param, metric);
            return (
              <ScatterPlot
                key={metric.key}
                data={data}
                x={param}
                y={metric}
                mask={mask}
                version={version}
                brush={state.brushes[source]}
                onBrush={(brush) => store.setBrush(source, brush)}
                width={cell.width}
                height={cell.height}
              />
            );
          })}
        </ScatterRow>
      ))}
    </div>
  );
}

function ScatterRow({ param, children }: { param: Dim; children: React.ReactNode }) {
  return (
    <>
      <div className="grid-label row">
        {param.name}
        <small>{param.kind}</small>
      </div>
      {children}
    </>
  );
}
