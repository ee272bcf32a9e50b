import { useMemo, useRef, type PointerEvent } from "react";
import type { LockRead } from "../../api/client";
import type { Dataset, Dim } from "../../lib/dataset";
import { formatNumber } from "../../lib/numbers";
import { makeAxis, type Filter } from "../../lib/scales";
import { selectedRange } from "../../lib/selection";

const WIDTH = 220;
const PAD = 8;

interface Props {
  data: Dataset;
  dim: Dim;
  mask: Uint8Array | null;
  filter: Filter | undefined;
  onFilter: (filter: Filter | null) => void;
  lock?: LockRead | undefined;
  onLock?: ((filter: Filter) => void) | undefined;
  onUnlock?: (() => void) | undefined;
}

export function describe(filter: Filter | null): string {
  if (filter === null) return "none";
  if (filter.kind === "set") return filter.keys.join(", ") || "none";
  return filter.lo === filter.hi
    ? formatNumber(filter.lo)
    : `${formatNumber(filter.lo)} – ${formatNumber(filter.hi)}`;
}

function lockFilter(lock: LockRead): Filter {
  if (lock.values) return { kind: "set", keys: lock.values.map((value) => String(value)) };
  return { kind: "range", lo: lock.low ?? 0, hi: lock.high ?? 0 };
}

/**
 * A two-handle slider over one dimension: the handles filter, the band shows the range of the
 * current selection, and for hyperparameters a lock keeps a promising range on the server.
 */
export function RangeSlider({ data, dim, mask, filter, onFilter, lock, onLock, onUnlock }: Props) {
  const axis = useMemo(() => makeAxis(dim, [PAD, WIDTH - PAD]), [dim]);
  const span = selectedRange(dim, mask, data.size);
  const full = useMemo(() => selectedRange(dim, null, data.size), [dim, data.size]);
  const handles = (filter && axis.pixelsOf(filter)) ?? [PAD, WIDTH - PAD];
  const band = span ? axis.pixelsOf(span) : null;
  const locked = lock ? axis.pixelsOf(lockFilter(lock)) : null;
  const dragging = useRef<0 | 1 | null>(null);
  const track = useRef<SVGSVGElement>(null);

  const move = (event: PointerEvent<SVGElement>) => {
    if (dragging.current === null || !track.current) return;
    const x = Math.min(
      Math.max(event.clientX - track.current.getBoundingClientRect().left, PAD),
      WIDTH - PAD,
    );
    const other = handles[dragging.current === 0 ? 1 : 0];
    onFilter(axis.filterFor(x, other));
  };
  const grab = (which: 0 | 1) => (event: PointerEvent<SVGElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    dragging.current = which;
  };
  const release = () => {
    dragging.current = null;
  };

  return (
    <div className="range-slider" data-testid={`slider-${dim.name}`} data-view="slider">
      <div className="slider-head">
        <span className="slider-name">{dim.name}</span>
        {filter && (
          <button
            type="button"
            className="link"
            onClick={() => onFilter(null)}
            title="Reset this filter"
          >
            reset
          </button>
        )}
        {onLock && !lock && (
          <button
            type="button"
            className="link"
            onClick={() =>
              onLock(filter ?? (mask ? span : null) ?? full ?? { kind: "range", lo: 0, hi: 0 })
            }
            aria-label={`Lock ${dim.name}`}
          >
            lock
          </button>
        )}
        {lock && onUnlock && (
          <button
            type="button"
            className="link"
            onClick={onUnlock}
            aria-label={`Unlock ${dim.name}`}
          >
            unlock
          </button>
        )}
      </div>
      <svg
        ref={track}
        width={WIDTH}
        height={26}
        onPointerMove={move}
        onPointerUp={release}
        onDoubleClick={() => onFilter(null)}
      >
        <line className="track" x1={PAD} x2={WIDTH - PAD} y1={13} y2={13} />
        {locked && (
          <rect
            className="locked"
            x={Math.min(...locked) - 2}
            width={Math.abs(locked[1] - locked[0]) + 4}
            y={5}
            height={16}
          />
        )}
        {band && (
          <rect
            className={mask ? "selection-band" : "selection-band all"}
            x={Math.min(...band) - 1}
            width={Math.abs(band[1] - band[0]) + 2}
            y={10}
            height={6}
          />
        )}
        <line className="filter" x1={handles[0]} x2={handles[1]} y1={13} y2={13} />
        {[0, 1].map((which) => (
          <circle
            key={which}
            className="handle"
            cx={handles[which as 0 | 1]}
            cy={13}
            r={6}
            role="slider"
            aria-label={`${dim.name} ${which === 0 ? "low" : "high"}`}
            aria-valuetext={describe(filter ?? full)}
            onPointerDown={grab(which as 0 | 1)}
          />
        ))}
      </svg>
      <div className="slider-text">
        <span data-testid={`range-${dim.name}`}>{describe(span)}</span>
        <span className="muted"> of {describe(full)}</span>
      </div>
      {lock && (
        <div className="lock-note" data-testid={`lock-${dim.name}`}>
          🔒 {describe(lockFilter(lock))} · {lock.locked_by} ·{" "}
          {new Date(lock.locked_at).toLocaleString()}
        </div>
      )}
    </div>
  );
}
