import type { RunCreate, RunRead, Schemas } from "../api/client";
import { numberOr } from "./spec";

export type StopFlag = Schemas["FlagStopping"]["flags"][number];
export type StoppingKind = "none" | "asha" | "flags";

/** The flags a run may stop its experiments on, in the order the form lists them. */
export const STOP_FLAGS: readonly StopFlag[] = ["overfitting", "diverged", "noisy", "stalled"];

/** The early-stopping part of the launch form; ASHA's numbers stay text until sent. */
export interface StoppingDraft {
  kind: StoppingKind;
  gracePeriod: string;
  reductionFactor: string;
  maxT: string;
  flags: StopFlag[];
}

export function emptyStopping(): StoppingDraft {
  return { kind: "none", gracePeriod: "1", reductionFactor: "2", maxT: "100", flags: [] };
}

/** The `early_stopping` the API takes for this draft. */
export function stoppingRequest(draft: StoppingDraft): NonNullable<RunCreate["early_stopping"]> {
  if (draft.kind === "flags") {
    return { kind: "flags", flags: STOP_FLAGS.filter((flag) => draft.flags.includes(flag)) };
  }
  if (draft.kind === "none") return { kind: "none" };

  // Text that is not a number goes as is, so the API names the field it belongs to.
  const asha: Record<string, unknown> = {
    kind: "asha",
    grace_period: numberOr(draft.gracePeriod),
    reduction_factor: numberOr(draft.reductionFactor),
    max_t: numberOr(draft.maxT),
  };
  return asha as unknown as Schemas["AshaStopping"];
}

/** The draft of a run's stored policy, so the next run starts with the same one. */
export function stoppingFromRun(policy: RunRead["early_stopping"]): StoppingDraft {
  const draft = emptyStopping();
  if (policy?.kind === "flags") return { ...draft, kind: "flags", flags: [...policy.flags] };
  if (policy?.kind !== "asha") return draft;

  return {
    ...draft,
    kind: "asha",
    gracePeriod: String(policy.grace_period),
    reductionFactor: String(policy.reduction_factor),
    maxT: String(policy.max_t),
  };
}

/** The draft with `flag` checked or not. */
export function toggleFlag(draft: StoppingDraft, flag: StopFlag, on: boolean): StoppingDraft {
  const others = draft.flags.filter((item) => item !== flag);
  return { ...draft, flags: on ? [...others, flag] : others };
}

/** The form's name for an API field: `early_stopping.asha.max_t` is `early_stopping.max_t`.
 *
 * Validation names the union's tag (`asha`) in its paths and a list item by its index; the
 * form shows one error per field. The one check of ASHA as a whole is that its rungs fit
 * (`max_t` at least `grace_period`): its error goes beside `max_t`. */
export function stoppingField(field: string): string {
  return field
    .replace(/^early_stopping\.(?:none|asha|flags)(?=\.)/, "early_stopping")
    .replace(/^early_stopping\.asha$/, "early_stopping.max_t")
    .replace(/^early_stopping\.none$/, "early_stopping")
    .replace(/^(early_stopping\.flags)(?:\.\d+|\[\d+\])$/, "$1");
}
