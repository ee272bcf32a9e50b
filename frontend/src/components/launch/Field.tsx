import type { ReactNode } from "react";

export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <span className="field-error" role="alert">
      {message}
    </span>
  ) : null;
}

interface Props {
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  size?: number;
  placeholder?: string;
  required?: boolean;
  multiline?: boolean;
}

/** A labelled text input with the API's error for it right below. */
export function TextField({ label, hint, value, onChange, error, multiline, ...input }: Props) {
  const common = { value, "aria-label": label, "aria-invalid": Boolean(error), ...input };
  return (
    <label>
      <span>
        {label} {hint && <span className="muted">{hint}</span>}
      </span>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldError message={error} />
    </label>
  );
}
