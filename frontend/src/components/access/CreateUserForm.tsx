import { useState } from "react";
import type { UserCreate } from "../../hooks/accessApi";

interface Props {
  busy: boolean;
  onCreate: (body: UserCreate) => Promise<unknown>;
}

/** A new account: username, first password (checked for strength) and admin flag. */
export function CreateUserForm({ busy, onCreate }: Props) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [admin, setAdmin] = useState(false);

  const submit = async () => {
    await onCreate({ username: username.trim(), password, is_admin: admin });
    setUsername("");
    setPassword("");
    setAdmin(false);
  };
  return (
    <form
      className="inline"
      aria-label="New user"
      onSubmit={(event) => {
        event.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <input
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        placeholder="username"
        aria-label="New username"
      />
      <input
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        placeholder="first password"
        aria-label="New user's password"
      />
      <label>
        <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />{" "}
        administrator
      </label>
      <button type="submit" disabled={busy || !username.trim() || !password}>
        Create user
      </button>
    </form>
  );
}
