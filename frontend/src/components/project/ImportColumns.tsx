import type { ColumnRole, ImportColumn } from "../../hooks/projectApi";
import { formatValue } from "../../lib/numbers";

const CHOICES: ColumnRole[] = ["hyperparameter", "metric", "ignore"];

interface Props {
  columns: ImportColumn[];
  roles: Record<string, ColumnRole>;
  onRole: (name: string, role: ColumnRole) => void;
}

/** The preview's columns: inferred type, examples, and the role the user gives each. */
export function ImportColumns({ columns, roles, onRole }: Props) {
  return (
    <table className="runs import-columns" aria-label="Columns">
      <thead>
        <tr>
          <th>column</th>
          <th>type</th>
          <th>rows</th>
          <th>examples</th>
          <th>role</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => {
          const role = roles[column.name] ?? column.role;
          const choices = CHOICES.includes(role) ? CHOICES : [role, ...CHOICES];
          return (
            <tr key={column.name} data-column={column.name}>
              <td>
                {column.name}
                {column.curve ? " (curve)" : ""}
              </td>
              <td data-testid={`type-${column.name}`}>{column.type}</td>
              <td>{column.present}</td>
              <td className="muted">
                {column.examples.map((v) => formatValue(v)).join(", ")}
                {column.notes.length ? ` — ${column.notes.join("; ")}` : ""}
              </td>
              <td>
                <select
                  aria-label={`Role of ${column.name}`}
                  value={role}
                  onChange={(event) => onRole(column.name, event.target.value as ColumnRole)}
                >
                  {choices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
