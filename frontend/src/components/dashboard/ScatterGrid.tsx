import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import type { Dataset, Dim } from "../../lib/dataset";
import { ScatterPlot } from "./ScatterPlot";

interface Props {
  data: Dataset;
  metrics: Dim[];
  cellWidth?: number;
  cellHeight?: number;
}

export const scatterSource = (x: Dim, y: Dim): string => `scatter:${x.key}|${y.key}`;

/** Every hyperparameter (rows, x axis) against every shown metric (columns, y axis). */
export function ScatterGrid({ data, metrics, cellWidth = 210, cellHeight = 150 }: Props) {
  const store = useSelectionStore();
  const { state, mask, version } = useSelection();

  if (data.params.length === 0 || metrics.length === 0) {
    return <p className="empty">No hyperparameters or metrics to plot yet.</p>;
  }
  return (
    <div
      className="scatter-grid"
      style={{ gridTemplateColumns: `auto repeat(${metrics.length}, ${cellWidth}px)` }}
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
                width={cellWidth}
                height={cellHeight}
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
