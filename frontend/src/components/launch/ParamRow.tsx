import { formatValue } from "../../lib/numbers";
import { FieldError } from "./Field";
import { previewValues, type ParamDraft, type ParamMode, type ParamType } from "../../lib/spec";

const MODES: { value: ParamMode; label: string }[] = [
  { value: "values", label: "values list" },
  { value: "linear", label: "range, linear step" },
  { value: "multiplicative", label: "range, ×factor step" },
  { value: "log", label: "range, log-spaced" },
  { value: "linspace", label: "range, evenly spaced" },
];
const TYPES: ParamType[] = ["auto", "int", "float", "categorical"];

interface Props {
  draft: ParamDraft;
  /** Server errors whose field is this hyperparameter's (`params.lr.step` → `step`). */
  errors: Record<string, string>;
  onChange: (next: ParamDraft) => void;
  onRemove: () => void;
}

/** One hyperparameter of the launch form, with the values it gives shown while typing. */
export function ParamRow({ draft, errors, onChange, onRemove }: Props) {
  const preview = previewValues(draft);
  const label = draft.name || "new hyperparameter";
  const set = (field: keyof ParamDraft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [field]: event.target.value });
  const text = (
    field: "from" | "to" | "step" | "factor" | "count" | "values",
    caption: string,
    size = 8,
  ) => (
    <label className="sub">
      {caption}
      <input
        value={draft[field]}
        onChange={set(field)}
        aria-label={`${label} ${caption}`}
        size={size}
        aria-invalid={Boolean(errors[field === "factor" ? "step" : field])}
      />
      <FieldError message={errors[field === "factor" ? "step" : field]} />
    </label>
  );
  const localError =
    preview.error && !Object.keys(errors).length ? preview.error.message : undefined;

  return (
    <fieldset className="param-row" data-testid={`param-${draft.name}`}>
      <div className="param-main">
        <input
          className="param-name"
          value={draft.name}
          onChange={set("name")}
          placeholder="name"
          aria-label={`${label} name`}
        />
        <select value={draft.mode} onChange={set("mode")} aria-label={`${label} kind`}>
          {MODES.map((mode) => (
            <option key={mode.value} value={mode.value}>
              {mode.label}
            </option>
          ))}
        </select>
        <select value={draft.type} onChange={set("type")} aria-label={`${label} type`}>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <button type="button" className="link" onClick={onRemove} aria-label={`Remove ${label}`}>
          remove
        </button>
      </div>
      <div className="param-fields">
        {draft.mode === "values" && text("values", "values", 28)}
        {draft.mode !== "values" && text("from", "from")}
        {draft.mode !== "values" && text("to", "to")}
        {draft.mode === "linear" && text("step", "step")}
        {draft.mode === "multiplicative" && text("factor", "× factor", 4)}
        {(draft.mode === "log" || draft.mode === "linspace") && text("count", "count", 4)}
      </div>
      <FieldError message={errors[""] ?? errors["type"]} />
      <div className="values-preview" data-testid={`values-preview-${draft.name}`}>
        {preview.error ? (
          <FieldError message={localError} />
        ) : (
          <span className="muted">
            → {preview.values.map((value) => formatValue(value)).join(", ")}
            {preview.total > preview.values.length ? ", …" : ""} ({preview.total} value
            {preview.total === 1 ? "" : "s"})
          </span>
        )}
      </div>
    </fieldset>
  );
}
