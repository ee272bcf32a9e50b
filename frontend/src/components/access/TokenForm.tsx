import { useState } from "react";
import type { TokenCreate } from "../../hooks/accessApi";

/** Expiry choices, in days; 0 is "never". */
export const EXPIRY_DAYS = [7, 30, 90, 365, 0];

interface Props {
  busy: boolean;
  onCreate: (body: TokenCreate) => Promise<unknown>;
}

/** Name a new personal token, pick its expiry and scope. */
export function TokenForm({ busy, onCreate }: Props) {
  const [name, setName] = useState("");
  const [days, setDays] = useState(30);
  const [scope, setScope] = useState("write");

  const submit = async () => {
    await onCreate({ name: name.trim(), scope, expires_in_days: days || null });
    setName("");
  };
  return (
    <form
      className="inline"
      aria-label="New token"
      onSubmit={(event) => {
        event.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <input
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="token name, e.g. laptop CLI"
        aria-label="Token name"
      />
      <select
        value={days}
        aria-label="Token expiry"
        onChange={(event) => setDays(Number(event.target.value))}
      >
        {EXPIRY_DAYS.map((value) => (
          <option key={value} value={value}>
            {value ? `expires in ${value} days` : "never expires"}
          </option>
        ))}
      </select>
      <select value={scope} aria-label="Token scope" onChange={(e) => setScope(e.target.value)}>
        <option value="write">read and write</option>
        <option value="read">read only</option>
      </select>
      <button type="submit" disabled={busy || !name.trim()}>
        Create token
      </button>
    </form>
  );
}
