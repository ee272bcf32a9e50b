import type { UserAdminRead } from "../../hooks/accessApi";

interface Props {
  users: UserAdminRead[];
  /** The administrator looking: they cannot disable themselves here. */
  selfId: number | undefined;
  busy: boolean;
  onActive: (user: UserAdminRead, active: boolean) => void;
}

/** Every account with its state, each with a disable or enable button. */
export function UserList({ users, selfId, busy, onActive }: Props) {
  return (
    <table className="users" aria-label="Users">
      <thead>
        <tr>
          <th>user</th>
          <th>kind</th>
          <th>state</th>
          <th>created</th>
          <th aria-label="actions" />
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} data-testid={`user-${user.username}`}>
            <td>{user.username}</td>
            <td>{user.is_admin ? "admin" : "user"}</td>
            <td className={user.is_active ? "" : "muted"}>
              {user.is_active ? "active" : "disabled"}
            </td>
            <td>{new Date(user.created_at).toLocaleString()}</td>
            <td>
              {user.id !== selfId && (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`${user.is_active ? "Disable" : "Enable"} ${user.username}`}
                  onClick={() => onActive(user, !user.is_active)}
                >
                  {user.is_active ? "Disable" : "Enable"}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
