import type { MemberRead } from "../../hooks/accessApi";
import type { Role } from "../../hooks/useProjectRole";
import { RoleSelect } from "./RoleSelect";

interface Props {
  members: MemberRead[];
  /** Only owners change roles and remove members; others see the list. */
  canManage: boolean;
  busy: boolean;
  onRole: (userId: number, role: Role) => void;
  onRemove: (userId: number) => void;
}

/** Who has access to a project, with which role. */
export function MemberList({ members, canManage, busy, onRole, onRemove }: Props) {
  return (
    <table className="members" aria-label="Members">
      <thead>
        <tr>
          <th>user</th>
          <th>role</th>
          <th>added</th>
          {canManage && <th aria-label="actions" />}
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.user_id} data-testid={`member-${member.username}`}>
            <td>{member.username}</td>
            <td>
              {canManage ? (
                <RoleSelect
                  value={member.role}
                  label={`Role of ${member.username}`}
                  disabled={busy}
                  onChange={(role) => onRole(member.user_id, role)}
                />
              ) : (
                member.role
              )}
            </td>
            <td>{new Date(member.added_at).toLocaleString()}</td>
            {canManage && (
              <td>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Remove ${member.username}`}
                  onClick={() => onRemove(member.user_id)}
                >
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
