import { useState } from "react";
import { ApiError } from "../../api/client";
import {
  RULE_FIELDS,
  RULE_NAMES,
  fromDraft,
  toDraft,
  type Draft,
  type FlagRules,
  type RuleField,
  type RuleName,
} from "../../lib/flagRules";
import { FieldError } from "../launch/Field";

interface Props {
  rules: FlagRules;
  descriptions: Map<string, string>;
  canEdit: boolean;
  busy: boolean;
  error: unknown;
  onSave: (rules: FlagRules) => void;
}

/** Every flag rule: on or off and its thresholds; the API's error shows beside its field. */
export function FlagRulesForm({ rules, descriptions, canEdit, busy, error, onSave }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(rules));
  const wrongField = error instanceof ApiError ? error.field : null;
  const messageFor = (name: RuleName, key: string) =>
    wrongField === `${name}.${key}` && error instanceof Error ? error.message : undefined;

  const setValue = (name: RuleName, key: string, text: string) =>
    setDraft((now) => ({
      ...now,
      [name]: { ...now[name], values: { ...now[name].values, [key]: text } },
    }));
  const setEnabled = (name: RuleName, enabled: boolean) =>
    setDraft((now) => ({ ...now, [name]: { ...now[name], enabled } }));

  return (
    <form
      className="flag-rules"
      aria-label="Flag rules"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(fromDraft(draft));
      }}
    >
      {RULE_NAMES.map((name) => (
        <fieldset key={name} disabled={!canEdit} aria-label={`${name} rule`}>
          <legend>
            <label>
              <input
                type="checkbox"
                checked={draft[name].enabled}
                onChange={(event) => setEnabled(name, event.target.checked)}
              />{" "}
              <strong>{name}</strong>
            </label>{" "}
            <span className="muted">{descriptions.get(name)}</span>
          </legend>
          {RULE_FIELDS[name].map((field) => (
            <RuleInput
              key={field.key}
              field={field}
              value={draft[name].values[field.key] ?? ""}
              onChange={(text) => setValue(name, field.key, text)}
              error={messageFor(name, field.key)}
            />
          ))}
        </fieldset>
      ))}
      {canEdit && (
        <button type="submit" className="primary" disabled={busy}>
          Save rules
        </button>
      )}
    </form>
  );
}

interface InputProps {
  field: RuleField;
  value: string;
  onChange: (text: string) => void;
  error: string | undefined;
}

function RuleInput({ field, value, onChange, error }: InputProps) {
  return (
    <label className="rule-field">
      <span>{field.label}</span>
      {field.kind === "mode" ? (
        <select value={value} aria-label={field.label} onChange={(e) => onChange(e.target.value)}>
          <option value="">as the objective</option>
          <option value="min">lower</option>
          <option value="max">higher</option>
        </select>
      ) : (
        <input
          value={value}
          aria-label={field.label}
          aria-invalid={Boolean(error)}
          inputMode={field.kind === "int" || field.kind === "number" ? "decimal" : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <FieldError message={error} />
    </label>
  );
}
