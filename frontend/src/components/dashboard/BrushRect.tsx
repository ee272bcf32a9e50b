import type { DragRect } from "../../hooks/useBrushDrag";
import { COLORS } from "./palette";

/** The rectangle of a brush being dragged, in the plot area's pixels. */
export function BrushRect({ rect }: { rect: DragRect }) {
  return (
    <rect
      className="brush"
      x={Math.min(rect.x0, rect.x1)}
      y={Math.min(rect.y0, rect.y1)}
      width={Math.abs(rect.x1 - rect.x0)}
      height={Math.abs(rect.y1 - rect.y0)}
      fill={COLORS.brush}
    />
  );
}
