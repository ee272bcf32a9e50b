import type { Schemas } from "../api/client";

export type FlagRules = Schemas["FlagRules"];
export type RuleName = "overfitting" | "diverged" | "noisy" | "stalled";
export const RULE_NAMES: RuleName[] = ["overfitting", "diverged", "noisy", "stalled"];

/** How a setting is edited: numbers and lists are typed as text and parsed on save. */
export type FieldKind = "int" | "number" | "text" | "optional-text" | "list" | "mode";

export interface RuleField {
  key: string;
  kind: FieldKind;
  label: string;
}

/** Every rule's settings, in the order docs/flags.md explains them. */
export const RULE_FIELDS: Record<RuleName, RuleField[]> = {
  overfitting: [
    { key: "val_metric", kind: "text", label: "validation loss metric" },
    { key: "train_metric", kind: "text", label: "training loss metric" },
    { key: "epochs", kind: "int", label: "epochs of rise" },
    { key: "min_rise", kind: "number", label: "minimum relative rise" },
  ],
  diverged: [
    { key: "metrics", kind: "list", label: "loss metrics (comma-separated)" },
    { key: "factor", kind: "number", label: "× first value" },
  ],
  noisy: [
    { key: "metric", kind: "text", label: "metric" },
    { key: "factor", kind: "number", label: "× the run's median roughness" },
    { key: "min_score", kind: "number", label: "minimum roughness (0–1)" },
    { key: "min_points", kind: "int", label: "minimum points" },
    { key: "min_experiments", kind: "int", label: "minimum experiments in the run" },
  ],
  stalled: [
    { key: "metric", kind: "optional-text", label: "metric (empty: the run's objective)" },
    { key: "mode", kind: "mode", label: "better when" },
    { key: "epochs", kind: "int", label: "epochs without improvement" },
    { key: "min_improvement", kind: "number", label: "minimum relative improvement" },
  ],
};

/** The form's state: per rule, whether it is on and each setting as typed. */
export type Draft = Record<RuleName, { enabled: boolean; values: Record<string, string> }>;

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

export function toDraft(rules: FlagRules): Draft {
  const draft = {} as Draft;
  for (const name of RULE_NAMES) {
    const rule = (rules[name] ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const field of RULE_FIELDS[name]) values[field.key] = asText(rule[field.key]);
    draft[name] = { enabled: rule.enabled !== false, values };
  }
  return draft;
}

/** A typed setting as the API takes it. Text that is not a number is sent as typed, so the
 * service's validation names the field. */
function parse(kind: FieldKind, text: string): unknown {
  const trimmed = text.trim();
  if (kind === "int" || kind === "number") {
    const number = Number(trimmed);
    return trimmed !== "" && Number.isFinite(number) ? number : trimmed;
  }
  if (kind === "list")
    return trimmed
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
  if (kind === "optional-text" || kind === "mode") return trimmed === "" ? null : trimmed;
  return trimmed;
}

export function fromDraft(draft: Draft): FlagRules {
  const rules: Record<string, Record<string, unknown>> = {};
  for (const name of RULE_NAMES) {
    const rule: Record<string, unknown> = { enabled: draft[name].enabled };
    for (const field of RULE_FIELDS[name]) {
      rule[field.key] = parse(field.kind, draft[name].values[field.key] ?? "");
    }
    rules[name] = rule;
  }
  return rules as FlagRules;
}

/** Whether an API error's field ("stalled.epochs") is one the form shows beside an input. */
export function isFormField(field: string | null): boolean {
  const [name, key] = (field ?? "").split(".");
  return RULE_FIELDS[name as RuleName]?.some((f) => f.key === key) ?? false;
}
