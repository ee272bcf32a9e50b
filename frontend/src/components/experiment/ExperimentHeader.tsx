import {
  isExperimentActive,
  useStopExperiment,
  type ExperimentDetail,
} from "../../hooks/experimentApi";
import { ErrorNote } from "../common/ErrorNote";

interface Props {
  experiment: ExperimentDetail;
  canEdit: boolean;
  onClose: () => void;
}

/** The experiment's title, status, flags as badges, and its stop button (editors). */
export function ExperimentHeader({ experiment: e, canEdit, onClose }: Props) {
  const stop = useStopExperiment(e.id);
  const active = isExperimentActive(e);
  return (
    <header className="experiment-head">
      <h2>
        Experiment {e.id}{" "}
        <span className={`badge status-${e.status}`} data-testid="experiment-status">
          {e.status}
        </span>
        {e.stop_requested && active && <span className="muted"> stopping…</span>}
      </h2>
      <div className="flag-badges" data-testid="experiment-flags">
        {e.flags?.map((flag) => (
          <span
            key={flag.name}
            className={`badge flag flag-${flag.name}`}
            title={flag.detail}
            data-flag={flag.name}
          >
            {flag.name}
            {flag.epoch !== null ? ` @${flag.epoch}` : ""}
          </span>
        ))}
        {e.stopped_by && (
          <span className="badge stopped-by" title={e.stopped_by.detail} data-testid="stopped-by">
            stopped by {e.stopped_by.rule ?? e.stopped_by.kind}: {e.stopped_by.reason}
          </span>
        )}
      </div>
      <div className="head-tools">
        {canEdit && active && (
          <button
            type="button"
            onClick={() => stop.mutate()}
            disabled={stop.isPending || e.stop_requested}
          >
            Stop experiment
          </button>
        )}
        <button type="button" className="link" onClick={onClose}>
          close
        </button>
      </div>
      {stop.error && <ErrorNote error={stop.error} />}
    </header>
  );
}
