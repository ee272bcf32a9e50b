import { useMemo } from "react";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import { runChanges } from "../../lib/progress";
import { RUN_KEY, type ProjectData } from "../../lib/projectData";

export const CHANGES_SOURCE = "changes";

/** Under the progress chart: per run, which hyperparameters changed and over which values.
 * Clicking a run selects its experiments (click it again to clear). */
export function ChangeStrip({ project }: { project: ProjectData }) {
  const store = useSelectionStore();
  const { state } = useSelection();
  const changes = useMemo(() => runChanges(project), [project]);
  const chosen = state.brushes[CHANGES_SOURCE]?.[RUN_KEY];
  const chosenPlace = chosen?.kind === "range" ? chosen.lo : null;

  const choose = (place: number) =>
    store.setBrush(
      CHANGES_SOURCE,
      chosenPlace === place ? null : { [RUN_KEY]: { kind: "range", lo: place, hi: place } },
    );

  return (
    <ol className="change-strip" aria-label="What changed per run">
      {project.runs.map((run, place) => (
        <li key={run.id} className={chosenPlace === place ? "chosen" : ""}>
          <button type="button" onClick={() => choose(place)} data-testid={`changes-${run.id}`}>
            <strong>{run.name}</strong>
            {(changes[place] ?? []).length === 0 && <span className="muted"> no change</span>}
            {(changes[place] ?? []).map((change) => (
              <span key={change.name} className="change">
                {change.name}: {change.values.join(", ")}
                {change.more > 0 ? ` +${change.more}` : ""}
              </span>
            ))}
          </button>
        </li>
      ))}
    </ol>
  );
}
