import { useMemo, useState } from "react";
import type { RunRead } from "../../api/client";
import {
  isExperimentActive,
  useArtifacts,
  useExperiment,
  useExperimentNote,
  useExperiments,
  type ExperimentDetail,
} from "../../hooks/experimentApi";
import { ErrorNote } from "../common/ErrorNote";
import { CustomCharts, EpochConfusion } from "./ArtifactPanels";
import { lastEpoch } from "./curves";
import { ExperimentHeader } from "./ExperimentHeader";
import { ExperimentMeta } from "./ExperimentMeta";
import { LearningCurves } from "./LearningCurves";
import { ReplayBar } from "./ReplayBar";

interface Props {
  run: RunRead;
  experimentId: number;
  /** Experiments picked in the table, overlaid on the curves. */
  overlayIds: number[];
  canEdit: boolean;
  onClose: () => void;
}

/** One experiment in detail: metadata, curves (with overlays), replay, matrix, charts. */
export function ExperimentPane({ run, experimentId, overlayIds, canEdit, onClose }: Props) {
  const experiment = useExperiment(experimentId);
  const others = useMemo(
    () => [...new Set(overlayIds)].filter((id) => id !== experimentId),
    [overlayIds, experimentId],
  );
  const overlay = useExperiments(others);
  const live = isExperimentActive(experiment.data);
  const artifacts = useArtifacts(experimentId, live);
  const note = useExperimentNote(experimentId);
  const [epoch, setEpoch] = useState<number | null>(null);

  if (experiment.error) return <ErrorNote error={experiment.error} />;
  if (!experiment.data) return <p className="loading">Loading experiment {experimentId}…</p>;

  const shown: ExperimentDetail[] = [experiment.data];
  for (const query of overlay) if (query.data) shown.push(query.data);
  const last = lastEpoch(shown.map((e) => e.metrics ?? {}));

  return (
    <section className="experiment-pane" data-testid="experiment-pane">
      <ExperimentHeader experiment={experiment.data} canEdit={canEdit} onClose={onClose} />
      <ExperimentMeta experiment={experiment.data} run={run} note={note.data?.note} />
      <section className="experiment-section">
        <h3>
          Learning curves{" "}
          {shown.length > 1 && (
            <span className="muted" data-testid="overlay-count">
              {shown.length} experiments overlaid
            </span>
          )}
        </h3>
        <p className="muted hint">
          Ctrl-click rows of the table to overlay experiments · drag to zoom, double-click to reset
        </p>
        {last !== null && last > 0 && <ReplayBar last={last} epoch={epoch} onEpoch={setEpoch} />}
        <LearningCurves experiments={shown} epoch={epoch} />
      </section>
      {artifacts.error && <ErrorNote error={artifacts.error} />}
      <EpochConfusion artifacts={artifacts.data ?? []} epoch={epoch} />
      <CustomCharts artifacts={artifacts.data ?? []} />
    </section>
  );
}
