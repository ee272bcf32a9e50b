import { ApiError, type LockRead, type RunCreate, type RunRead } from "../api/client";
import {
  emptyStopping,
  stoppingField,
  stoppingFromRun,
  stoppingRequest,
  type StoppingDraft,
} from "./earlyStopping";
import { canonical, formatValue } from "./numbers";
import {
  fromSpec,
  newParam,
  numberOr,
  parseList,
  parseToken,
  toSpec,
  type ParamDraft,
  type Scalar,
} from "./spec";

export type Strategy = "grid" | "random" | "lhs" | "sobol";

/** Where the launch form keeps, per run, the metrics to show first in its dashboard. */
export const TRACKED_METRICS_KEY = "hypertuner.trackedMetrics.";

/** The launch form as typed: text fields stay text until the request is built. */
export interface LaunchForm {
  name: string;
  command: string;
  workdir: string;
  params: ParamDraft[];
  strategy: Strategy;
  samples: string;
  seed: string;
  objectiveMetric: string;
  objectiveMode: "max" | "min";
  trackedMetrics: string;
  stopping: StoppingDraft;
  maxConcurrent: string;
  dataPaths: string;
  repeatExisting: boolean;
  confirmLarge: boolean;
}

export function emptyForm(): LaunchForm {
  return {
    name: "",
    command: "",
    workdir: "",
    params: [],
    strategy: "grid",
    samples: "16",
    seed: "",
    objectiveMetric: "",
    objectiveMode: "max",
    trackedMetrics: "",
    stopping: emptyStopping(),
    maxConcurrent: "2",
    dataPaths: "",
    repeatExisting: false,
    confirmLarge: false,
  };
}

/** The `RunCreate` the API takes for this form. */
export function toRequest(form: LaunchForm): RunCreate {
  const sampled = form.strategy !== "grid";
  const request: Record<string, unknown> = {
    name: form.name,
    command: form.command,
    params: Object.fromEntries(form.params.map((draft) => [draft.name, toSpec(draft)])),
    strategy: form.strategy,
    samples: sampled ? numberOr(form.samples) : null,
    seed: form.seed.trim() ? numberOr(form.seed) : null,
    objective: form.objectiveMetric.trim()
      ? { metric: form.objectiveMetric.trim(), mode: form.objectiveMode }
      : null,
    early_stopping: stoppingRequest(form.stopping),
    max_concurrent: numberOr(form.maxConcurrent),
    data_paths: form.dataPaths
      .split(",")
      .map((path) => path.trim())
      .filter(Boolean),
    repeat_existing: form.repeatExisting,
    confirm_large: form.confirmLarge,
  };
  if (form.workdir.trim()) request.workdir = form.workdir.trim();
  return request as unknown as RunCreate;
}

/** The values of one hyperparameter of the experiment the next run starts from. */
export type Values = Record<string, unknown>;

/** A form for the next run: the previous run's setup, narrowed to its locked ranges, and
 * every unlocked hyperparameter fixed at the chosen experiment's value. */
export function formFromRun(
  run: RunRead,
  locks: LockRead[],
  experiment: Values | null,
): LaunchForm {
  const spec = (run.spec ?? {}) as Record<string, unknown>;
  const names = Object.keys(spec).length ? Object.keys(spec) : Object.keys(experiment ?? {});
  const params = names.map((name) => {
    const draft =
      name in spec
        ? fromSpec(name, spec[name])
        : newParam(name, { values: formatValue(experiment?.[name]) });
    const lock = locks.find((item) => item.name === name);
    if (lock) return applyLock(draft, lock);
    if (experiment && name in experiment) return fixed(draft, experiment[name]);
    return draft;
  });

  return {
    ...emptyForm(),
    name: `${run.name} (next)`,
    command: run.command,
    workdir: run.workdir,
    params,
    strategy: (["grid", "random", "lhs", "sobol"].includes(run.strategy)
      ? run.strategy
      : "grid") as Strategy,
    samples: run.samples ? String(run.samples) : "16",
    seed: run.seed === null || run.seed === undefined ? "" : String(run.seed),
    objectiveMetric: run.objective_metric ?? "",
    objectiveMode: run.objective_mode === "min" ? "min" : "max",
    stopping: stoppingFromRun(run.early_stopping),
    maxConcurrent: String(run.max_concurrent),
    dataPaths: Object.keys(run.data_fingerprints ?? {}).join(", "),
  };
}

function fixed(draft: ParamDraft, value: unknown): ParamDraft {
  const type = draft.type === "categorical" ? "categorical" : draft.type;
  return { ...draft, mode: "values", type, values: formatValue(value as Scalar) };
}

/** Narrow a draft to a locked range, keeping how its values are spaced. */
export function applyLock(draft: ParamDraft, lock: LockRead): ParamDraft {
  if (lock.values)
    return { ...draft, mode: "values", values: lock.values.map((v) => formatValue(v)).join(", ") };

  const isInt = draft.type === "int" || (draft.type === "auto" && isIntDraft(draft));
  let low = canonical(lock.low ?? 0);
  let high = canonical(lock.high ?? 0);
  if (isInt) [low, high] = [Math.ceil(low), Math.floor(high)];
  if (low > high) high = low;

  if (draft.mode === "values") {
    const inside = parseList(draft.values).filter(
      (v) => typeof v === "number" && v >= low && v <= high,
    );
    const values = inside.length ? inside : low === high ? [low] : [low, high];
    return { ...draft, values: values.map((v) => formatValue(v)).join(", ") };
  }
  const count = low === high ? "1" : draft.count;
  return { ...draft, from: String(low), to: String(high), count };
}

function isIntDraft(draft: ParamDraft): boolean {
  if (draft.mode === "values")
    return parseList(draft.values).every((v) => typeof v === "number" && Number.isInteger(v));
  return [draft.from, draft.to].every((text) => Number.isInteger(parseToken(text)));
}

/** The form-level fields the form shows an error beside; other errors show above Launch. */
const FORM_FIELDS = new Set([
  "name",
  "command",
  "workdir",
  "params",
  "strategy",
  "samples",
  "seed",
  "max_concurrent",
  "objective",
  "objective.metric",
  "data_paths",
  "repeat_existing",
  "confirm_large",
  "early_stopping",
  "early_stopping.grace_period",
  "early_stopping.reduction_factor",
  "early_stopping.max_t",
  "early_stopping.flags",
]);

export interface FieldErrors {
  /** Message per form-level field path (`name`, `samples`, `objective.metric`…). */
  form: Record<string, string>;
  /** Per hyperparameter name, message per part (`step`, `from`; "" for the whole row). */
  params: Record<string, Record<string, string>>;
}

const PARAM_FIELD = /^params\.([A-Za-z_][A-Za-z0-9_]*)(?:[.[]([A-Za-z_]+))?/;

/** Where an API error goes in the form: `params.lr.step` under the `lr` row's step. */
export function fieldErrors(error: unknown): FieldErrors {
  const found: FieldErrors = { form: {}, params: {} };
  if (!(error instanceof ApiError) || !error.field) return found;

  const match = PARAM_FIELD.exec(error.field);
  if (match) found.params[match[1] ?? ""] = { [match[2] ?? ""]: error.message };
  else found.form[stoppingField(error.field)] = error.message;
  return found;
}

/** Whether the form shows `error` beside a field (else it goes in a note of its own). */
export function shownBesideField(error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  return PARAM_FIELD.test(error.field) || FORM_FIELDS.has(stoppingField(error.field));
}
