import type { Role } from "../../hooks/useProjectRole";

export const ROLES: Role[] = ["viewer", "editor", "owner"];

interface Props {
  value: Role;
  onChange: (role: Role) => void;
  label: string;
  disabled?: boolean;
}

/** A choice of viewer, editor or owner. */
export function RoleSelect({ value, onChange, label, disabled = false }: Props) {
  return (
    <select
      value={value}
      aria-label={label}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
