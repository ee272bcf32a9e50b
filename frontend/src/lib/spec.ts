import { canonical } from "./numbers";

/** How one hyperparameter's values are given in the launch form. */
export type ParamMode = "values" | "linear" | "multiplicative" | "log" | "linspace";
export type ParamType = "auto" | "int" | "float" | "categorical";
export type Scalar = number | string | boolean | null;

/** One hyperparameter as typed in the form; every field is text until it is sent. */
export interface ParamDraft {
  key: string;
  name: string;
  mode: ParamMode;
  type: ParamType;
  values: string;
  from: string;
  to: string;
  step: string;
  factor: string;
  count: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface ValuesPreview {
  values: Scalar[];
  total: number;
  error: FieldError | null;
}

const PREVIEW_LIMIT = 12;
const MAX_POINTS = 1_000_000;
let nextKey = 0;

export function newParam(name = "", overrides: Partial<ParamDraft> = {}): ParamDraft {
  nextKey += 1;
  return {
    key: `p${nextKey}`,
    name,
    mode: "values",
    type: "auto",
    values: "",
    from: "",
    to: "",
    step: "",
    factor: "2",
    count: "4",
    ...overrides,
  };
}

/** One token of a typed values list: numbers, true/false, null, else text. */
export function parseToken(token: string): Scalar {
  const text = token.trim().replace(/^(["'])(.*)\1$/, "$2");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^(null|none)$/i.test(text)) return null;
  const parsed = Number(text);
  if (text !== "" && Number.isFinite(parsed)) return parsed;
  return text;
}

/** A number when the text is one; else the text itself, so the API names the bad field. */
export function numberOr(text: string): number | string {
  const value = parseToken(text);
  return typeof value === "number" ? value : text;
}

export function parseList(text: string): Scalar[] {
  return text
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "")
    .map(parseToken);
}

/** The `params.<name>` spec the API takes for this draft. */
export function toSpec(draft: ParamDraft): unknown {
  const type = draft.type === "auto" ? undefined : draft.type;
  if (draft.mode === "values") {
    const values = parseList(draft.values);
    return type ? { values, type } : values;
  }

  const range: Record<string, unknown> = { from: parseToken(draft.from), to: parseToken(draft.to) };
  if (draft.mode === "linear") range.step = parseToken(draft.step);
  if (draft.mode === "multiplicative") range.step = `*${draft.factor.trim()}`;
  if (draft.mode === "log" || draft.mode === "linspace") range.count = parseToken(draft.count);
  if (draft.mode === "log") range.scale = "log";
  if (type === "int" || type === "float") range.type = type;
  return range;
}

/** A draft back from a stored spec (for "new run from" a previous run). */
export function fromSpec(name: string, spec: unknown): ParamDraft {
  if (Array.isArray(spec)) return newParam(name, { values: spec.map(listText).join(", ") });

  const object = (spec ?? {}) as Record<string, unknown>;
  if (Array.isArray(object.values)) {
    const type = (object.type as ParamType | undefined) ?? "auto";
    return newParam(name, { values: object.values.map(listText).join(", "), type });
  }

  const base = {
    from: listText(object.from),
    to: listText(object.to),
    type: (object.type as ParamType | undefined) ?? "auto",
  };
  const step = object.step;
  if (typeof step === "string" && /^[*xX]/.test(step.trim())) {
    return newParam(name, { ...base, mode: "multiplicative", factor: step.trim().slice(1) });
  }
  if (step !== undefined) return newParam(name, { ...base, mode: "linear", step: listText(step) });
  const mode = object.scale === "log" ? "log" : "linspace";
  return newParam(name, { ...base, mode, count: listText(object.count ?? 4) });
}

function listText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  return String(value);
}

/** The values a draft gives, computed in the browser while typing (the server stays the judge). */
export function previewValues(draft: ParamDraft): ValuesPreview {
  const field = `params.${draft.name || "?"}`;
  try {
    const all = draft.mode === "values" ? listValues(draft, field) : rangeValues(draft, field);
    return { values: all.slice(0, PREVIEW_LIMIT), total: all.length, error: null };
  } catch (error) {
    if (error instanceof SpecError) return { values: [], total: 0, error: error.detail };
    throw error;
  }
}

class SpecError extends Error {
  readonly detail: FieldError;

  constructor(field: string, message: string) {
    super(message);
    this.detail = { field, message };
  }
}

function listValues(draft: ParamDraft, field: string): Scalar[] {
  const values = parseList(draft.values);
  if (values.length === 0) throw new SpecError(field, "needs at least one value");
  if (draft.type !== "int" && draft.type !== "float") return values;

  return values.map((value, i) => {
    if (typeof value !== "number" || (draft.type === "int" && !Number.isInteger(value))) {
      throw new SpecError(`${field}[${i}]`, `${String(value)} is not a valid ${draft.type} value`);
    }
    return value;
  });
}

function readNumber(text: string, field: string): number {
  const value = parseToken(text);
  if (typeof value !== "number") throw new SpecError(field, "must be a number");
  return value;
}

function rangeValues(draft: ParamDraft, field: string): number[] {
  const start = readNumber(draft.from, `${field}.from`);
  const stop = readNumber(draft.to, `${field}.to`);
  const asInt = rangeIsInt(draft, start, stop);

  if (draft.mode === "linear") {
    const step = readNumber(draft.step, `${field}.step`);
    if (step === 0) throw new SpecError(`${field}.step`, "step must not be zero");
    checkOrder(start, stop, field);
    if (step < 0) throw new SpecError(`${field}.step`, `step ${step} must be positive`);
    return finish(
      stepped(start, stop, (i) => start + i * step),
      asInt,
    );
  }
  if (draft.mode === "multiplicative") {
    const factor = readNumber(draft.factor, `${field}.step`);
    if (factor <= 1) throw new SpecError(`${field}.step`, "a factor must be greater than 1");
    if (start <= 0) throw new SpecError(`${field}.from`, "needs 'from' above zero");
    checkOrder(start, stop, field);
    return finish(
      stepped(start, stop, (i) => start * factor ** i),
      asInt,
    );
  }

  const count = readNumber(draft.count, `${field}.count`);
  if (!Number.isInteger(count) || count < 1) {
    throw new SpecError(`${field}.count`, "count must be a whole number of at least 1");
  }
  if (draft.mode === "log" && start <= 0) {
    throw new SpecError(`${field}.from`, "a log range must stay above zero");
  }
  checkOrder(start, stop, field);
  if (count > MAX_POINTS) throw new SpecError(`${field}.count`, "too many values");
  const gaps = Math.max(count - 1, 1);
  const at =
    draft.mode === "log"
      ? (i: number) => start * (stop / start) ** (i / gaps)
      : (i: number) => start + ((stop - start) * i) / gaps;
  return finish(
    Array.from({ length: count }, (_, i) => at(i)),
    asInt,
  );
}

function rangeIsInt(draft: ParamDraft, start: number, stop: number): boolean {
  if (draft.type === "int") return true;
  if (draft.type !== "auto") return false;
  const whole = Number.isInteger(start) && Number.isInteger(stop);
  if (draft.mode === "linear") return whole && Number.isInteger(parseToken(draft.step));
  if (draft.mode === "multiplicative") return whole && Number.isInteger(parseToken(draft.factor));
  if (draft.mode === "linspace") {
    const gaps = Math.max(Number(draft.count) - 1, 1);
    return whole && (stop - start) % gaps === 0;
  }
  return false;
}

function checkOrder(start: number, stop: number, field: string): void {
  if (start > stop) throw new SpecError(`${field}.to`, "'from' must not be above 'to'");
}

/** Values `at(0), at(1), ...` up to and never past `stop` (kept when it lands within rounding). */
function stepped(start: number, stop: number, at: (i: number) => number): number[] {
  const values: number[] = [];
  const slack = Math.abs(stop) * 1e-12;
  for (let i = 0; values.length <= MAX_POINTS; i += 1) {
    const value = canonical(at(i));
    if (value > stop + slack) break;
    values.push(value);
  }
  if (values.length > MAX_POINTS) throw new SpecError("params", "the range has too many points");
  return values.length ? values : [canonical(start)];
}

function finish(values: number[], asInt: boolean): number[] {
  if (!asInt) return values.map(canonical);
  return [...new Set(values.map((value) => Math.floor(value + 0.5)))];
}

/** Grid size of all drafts (the product of their counts), or null while one is invalid. */
export function gridSize(drafts: ParamDraft[]): number | null {
  let total = 1;
  for (const draft of drafts) {
    const preview = previewValues(draft);
    if (preview.error) return null;
    total *= preview.total;
  }
  return total;
}
