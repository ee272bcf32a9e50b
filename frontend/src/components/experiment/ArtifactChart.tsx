import type { ReactElement } from "react";
import { BarSpecChart } from "./BarSpecChart";
import { ConfusionMatrix } from "./ConfusionMatrix";
import { HeatmapSpecChart } from "./HeatmapSpecChart";
import { ImageGridChart } from "./ImageGridChart";
import { LineSpecChart } from "./LineSpecChart";
import { ScatterSpecChart } from "./ScatterSpecChart";
import type {
  BarSpec,
  ConfusionSpec,
  HeatmapSpec,
  ImageGridSpec,
  LineSpec,
  ScatterSpec,
  TableSpec,
} from "./specs";
import { TableSpecChart } from "./TableSpecChart";

interface Props {
  kind: string;
  name: string;
  payload: unknown;
}

/** Any artifact of a built-in kind drawn from its spec; other kinds are named only. */
export function ArtifactChart({ kind, name, payload }: Props) {
  const spec = (payload ?? {}) as { title?: string; description?: string };
  return (
    <figure className="artifact" data-testid={`artifact-${name}`} data-kind={kind}>
      <figcaption>
        <strong>{spec.title ?? name}</strong> <span className="muted">{kind}</span>
        {spec.description && <p className="muted">{spec.description}</p>}
      </figcaption>
      {draw(kind, payload) ?? <p className="muted">No built-in drawing for kind “{kind}”.</p>}
    </figure>
  );
}

function draw(kind: string, payload: unknown): ReactElement | null {
  switch (kind) {
    case "confusion_matrix":
      return <ConfusionMatrix spec={payload as ConfusionSpec} />;
    case "line":
      return <LineSpecChart spec={payload as LineSpec} />;
    case "bar":
      return <BarSpecChart spec={payload as BarSpec} />;
    case "scatter":
      return <ScatterSpecChart spec={payload as ScatterSpec} />;
    case "heatmap":
      return <HeatmapSpecChart spec={payload as HeatmapSpec} />;
    case "image_grid":
      return <ImageGridChart spec={payload as ImageGridSpec} />;
    case "table":
      return <TableSpecChart spec={payload as TableSpec} />;
    default:
      return null;
  }
}
