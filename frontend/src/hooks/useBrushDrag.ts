import { useCallback, useRef, useState, type PointerEvent } from "react";

/** A brush rectangle in the plot area's pixels (corners in drag order). */
export interface DragRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Below this many pixels a press is a click, which clears the brush. */
const CLICK_PIXELS = 3;

function local(event: PointerEvent<Element>) {
  const box = event.currentTarget.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}

/**
 * Pointer handling for a brush overlay. `onBrush` gets the rectangle while dragging (at most
 * once a frame) and at the end; a click without a drag gets `null`.
 */
export function useBrushDrag(onBrush: (rect: DragRect | null) => void) {
  const [rect, setRect] = useState<DragRect | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<number | null>(null);
  const pending = useRef<DragRect | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    if (pending.current) onBrush(pending.current);
  }, [onBrush]);

  const onPointerDown = (event: PointerEvent<Element>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    start.current = local(event);
  };

  const onPointerMove = (event: PointerEvent<Element>) => {
    if (!start.current) return;
    const point = local(event);
    const next = { x0: start.current.x, y0: start.current.y, x1: point.x, y1: point.y };
    setRect(next);
    pending.current = next;
    frame.current ??= requestAnimationFrame(flush);
  };

  const onPointerUp = (event: PointerEvent<Element>) => {
    if (!start.current) return;
    const point = local(event);
    const from = start.current;
    start.current = null;
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    pending.current = null;
    setRect(null);

    const moved = Math.max(Math.abs(point.x - from.x), Math.abs(point.y - from.y));
    onBrush(moved < CLICK_PIXELS ? null : { x0: from.x, y0: from.y, x1: point.x, y1: point.y });
  };

  return { rect, handlers: { onPointerDown, onPointerMove, onPointerUp } };
}
