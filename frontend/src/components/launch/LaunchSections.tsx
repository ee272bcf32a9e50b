import type { LaunchForm, Strategy } from "../../lib/launchForm";
import { FieldError, TextField } from "./Field";

export interface SectionProps {
  form: LaunchForm;
  update: (patch: Partial<LaunchForm>) => void;
  /** The API's error message per field path (`samples`, `objective.metric`…). */
  errors: Record<string, string>;
}

/** Grid or sampler, its sample count and seed, and how many experiments run at once. */
export function SearchSection({ form, update, errors }: SectionProps) {
  return (
    <>
      <h3>Search</h3>
      <div className="row">
        <label>
          Strategy
          <select
            value={form.strategy}
            onChange={(event) => update({ strategy: event.target.value as Strategy })}
            aria-label="Strategy"
          >
            <option value="grid">grid (every combination)</option>
            <option value="random">random sampler</option>
            <option value="lhs">Latin hypercube sampler</option>
            <option value="sobol">Sobol sampler</option>
          </select>
          <FieldError message={errors["strategy"]} />
        </label>
        {form.strategy !== "grid" && (
          <>
            <TextField
              label="Samples"
              value={form.samples}
              onChange={(samples) => update({ samples })}
              error={errors["samples"]}
              size={6}
            />
            <TextField
              label="Seed"
              value={form.seed}
              onChange={(seed) => update({ seed })}
              error={errors["seed"]}
              size={6}
            />
          </>
        )}
        <TextField
          label="Max concurrent"
          value={form.maxConcurrent}
          onChange={(maxConcurrent) => update({ maxConcurrent })}
          error={errors["max_concurrent"]}
          size={4}
        />
      </div>
    </>
  );
}

/** The objective and the metrics the dashboard shows first. */
export function MetricsSection({ form, update, errors }: SectionProps) {
  return (
    <>
      <h3>Metrics</h3>
      <div className="row">
        <TextField
          label="Objective metric"
          value={form.objectiveMetric}
          onChange={(objectiveMetric) => update({ objectiveMetric })}
          error={errors["objective.metric"] ?? errors["objective"]}
          placeholder="val_accuracy"
        />
        <label>
          Goal
          <select
            value={form.objectiveMode}
            onChange={(event) => update({ objectiveMode: event.target.value as "max" | "min" })}
            aria-label="Objective goal"
          >
            <option value="max">maximize</option>
            <option value="min">minimize</option>
          </select>
        </label>
        <TextField
          label="Metrics to track"
          hint="(shown first in the dashboard)"
          value={form.trackedMetrics}
          onChange={(trackedMetrics) => update({ trackedMetrics })}
          placeholder="val_accuracy, val_loss"
        />
      </div>
    </>
  );
}

/** Data fingerprints, repeating what already ran, and the confirmation of a large grid. */
export function OptionsSection({ form, update, errors }: SectionProps) {
  return (
    <>
      <TextField
        label="Data files"
        hint="(comma-separated; fingerprinted)"
        value={form.dataPaths}
        onChange={(dataPaths) => update({ dataPaths })}
        error={errors["data_paths"]}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={form.repeatExisting}
          onChange={(event) => update({ repeatExisting: event.target.checked })}
        />{" "}
        Repeat combinations already run
        <FieldError message={errors["repeat_existing"]} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.confirmLarge}
          onChange={(event) => update({ confirmLarge: event.target.checked })}
        />{" "}
        Confirm a grid over 10,000 combinations
        <FieldError message={errors["confirm_large"]} />
      </label>
    </>
  );
}
