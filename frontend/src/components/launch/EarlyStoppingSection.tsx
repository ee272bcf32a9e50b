import {
  STOP_FLAGS,
  toggleFlag,
  type StoppingDraft,
  type StoppingKind,
} from "../../lib/earlyStopping";
import { FieldError, TextField } from "./Field";
import type { SectionProps } from "./LaunchSections";

interface Props extends SectionProps {
  /** What each flag means (`GET /api/flags`); empty while it loads. */
  descriptions: Map<string, string>;
}

/** Whether experiments stop early: never, by ASHA on the objective, or on a raised flag. */
export function EarlyStoppingSection({ form, update, errors, descriptions }: Props) {
  const stopping = form.stopping;
  const set = (next: StoppingDraft) => update({ stopping: next });

  return (
    <>
      <h3>Early stopping</h3>
      <div className="row">
        <label>
          Stop experiments early
          <select
            value={stopping.kind}
            onChange={(event) => set({ ...stopping, kind: event.target.value as StoppingKind })}
            aria-label="Early stopping"
          >
            <option value="none">no (every experiment runs to its end)</option>
            <option value="asha">ASHA on the objective</option>
            <option value="flags">when a flag is raised</option>
          </select>
          <FieldError message={errors["early_stopping"]} />
        </label>
      </div>
      {stopping.kind === "asha" && <AshaFields {...{ form, update, errors }} />}
      {stopping.kind === "flags" && (
        <fieldset className="stop-flags" aria-label="Stop on flags">
          <legend>Stop an experiment as soon as it is flagged</legend>
          {STOP_FLAGS.map((flag) => (
            <label key={flag} className="check">
              <input
                type="checkbox"
                checked={stopping.flags.includes(flag)}
                onChange={(event) => set(toggleFlag(stopping, flag, event.target.checked))}
                aria-label={`stop on ${flag}`}
              />{" "}
              <strong>{flag}</strong> <span className="muted">{descriptions.get(flag)}</span>
            </label>
          ))}
          <FieldError message={errors["early_stopping.flags"]} />
        </fieldset>
      )}
    </>
  );
}

/** ASHA's rungs: reports before a first stop, the share kept at each rung, the last rung. */
function AshaFields({ form, update, errors }: SectionProps) {
  const stopping = form.stopping;
  const set = (patch: Partial<StoppingDraft>) => update({ stopping: { ...stopping, ...patch } });

  return (
    <div className="row">
      <TextField
        label="Grace period"
        hint="(reports)"
        value={stopping.gracePeriod}
        onChange={(gracePeriod) => set({ gracePeriod })}
        error={errors["early_stopping.grace_period"]}
        size={6}
      />
      <TextField
        label="Reduction factor"
        hint="(keeps 1/factor)"
        value={stopping.reductionFactor}
        onChange={(reductionFactor) => set({ reductionFactor })}
        error={errors["early_stopping.reduction_factor"]}
        size={6}
      />
      <TextField
        label="Max t"
        hint="(last rung, reports)"
        value={stopping.maxT}
        onChange={(maxT) => set({ maxT })}
        error={errors["early_stopping.max_t"]}
        size={6}
      />
    </div>
  );
}
