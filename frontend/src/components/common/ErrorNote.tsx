import { ApiError } from "../../api/client";

/** An error as a person reads it: the server's message, with its field when it names one. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const field = error instanceof ApiError && error.field ? `${error.field}: ` : "";
  return (
    <p className="error" role="alert">
      {field}
      {message}
    </p>
  );
}
