import { useState } from "react";
import { useChangePassword } from "../../hooks/accessApi";
import { ErrorNote } from "../common/ErrorNote";

/** Change one's own password; the server judges its strength and says why it refuses. */
export function PasswordForm() {
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");

  const submit = async () => {
    await change.mutateAsync({ current_password: current, new_password: next });
    setCurrent("");
    setNext("");
  };
  return (
    <form
      className="stacked"
      aria-label="Change password"
      onSubmit={(event) => {
        event.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <label>
        Current password
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      </label>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
      </label>
      <button type="submit" disabled={change.isPending || !current || !next}>
        Change password
      </button>
      <ErrorNote error={change.error} />
      {change.isSuccess && (
        <p className="ok" role="status">
          Password changed; your other sessions have ended.
        </p>
      )}
    </form>
  );
}
