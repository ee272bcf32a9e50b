import { useState } from "react";
import type { Role } from "../../hooks/useProjectRole";
import { RoleSelect } from "./RoleSelect";

interface Props {
  busy: boolean;
  onAdd: (username: string, role: Role) => Promise<unknown>;
}

/** Share the project with a user, by username, as viewer, editor or owner. */
export function AddMemberForm({ busy, onAdd }: Props) {
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("viewer");

  const submit = async () => {
    await onAdd(username.trim(), role);
    setUsername("");
  };
  return (
    <form
      className="inline"
      aria-label="Share the project"
      onSubmit={(event) => {
        event.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <input
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        placeholder="username"
        aria-label="Username to share with"
      />
      <RoleSelect value={role} onChange={setRole} label="Role for the new member" />
      <button type="submit" disabled={busy || !username.trim()}>
        Share
      </button>
    </form>
  );
}
