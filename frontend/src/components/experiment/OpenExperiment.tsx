import type { RunRead } from "../../api/client";
import { useCanEdit } from "../../hooks/useProjectRole";
import { useSelection } from "../../hooks/useSelection";
import { ExperimentPane } from "./ExperimentPane";

interface Props {
  run: RunRead;
  experimentId: number;
  onClose: () => void;
}

/** The experiment pane of the run dashboard: overlays follow the table's picked rows. */
export function OpenExperiment({ run, experimentId, onClose }: Props) {
  const { state } = useSelection();
  const canEdit = useCanEdit(run.project_id);
  return (
    <ExperimentPane
      key={experimentId}
      run={run}
      experimentId={experimentId}
      overlayIds={state.picked ?? []}
      canEdit={canEdit}
      onClose={onClose}
    />
  );
}
