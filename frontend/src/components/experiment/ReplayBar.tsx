import { useEffect, useState } from "react";

/** Time between two epochs while playing. */
export const REPLAY_STEP_MS = 700;

interface Props {
  last: number;
  /** The epoch shown, or null for the whole history. */
  epoch: number | null;
  onEpoch: (epoch: number | null) => void;
}

/** Play the training epoch by epoch, pause, or scrub to any epoch. */
export function ReplayBar({ last, epoch, onEpoch }: Props) {
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const next = (epoch ?? 0) + 1;
      if (next >= last) setPlaying(false);
      onEpoch(Math.min(next, last));
    }, REPLAY_STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing, epoch, last, onEpoch]);

  const play = () => {
    // From the start when nothing is replayed yet, or the end was reached.
    if (epoch === null || epoch >= last) onEpoch(1);
    setPlaying(true);
  };

  return (
    <div className="replay" data-testid="replay">
      {playing ? (
        <button type="button" onClick={() => setPlaying(false)}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={play}>
          Play
        </button>
      )}
      <input
        type="range"
        min={1}
        max={last}
        step={1}
        value={epoch ?? last}
        aria-label="Replay epoch"
        onChange={(event) => {
          setPlaying(false);
          onEpoch(Number(event.target.value));
        }}
      />
      <span data-testid="replay-epoch">
        {epoch === null ? `all ${last} epochs` : `epoch ${epoch} of ${last}`}
      </span>
      {epoch !== null && (
        <button
          type="button"
          className="link"
          onClick={() => {
            setPlaying(false);
            onEpoch(null);
          }}
        >
          show all
        </button>
      )}
    </div>
  );
}
