import { formatValue } from "../../lib/numbers";
import type { TableSpec } from "./specs";

/** A `table` artifact: rows as lists in `columns` order, or objects keyed by column. */
export function TableSpecChart({ spec }: { spec: TableSpec }) {
  const columns = spec.columns ?? columnsOf(spec.rows);
  return (
    <table className="spec-table">
      <thead>
        <tr>
          {columns.map((name) => (
            <th key={name}>{name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {spec.rows.map((row, r) => (
          <tr key={r}>
            {columns.map((name, c) => (
              <td key={name}>
                {formatValue(Array.isArray(row) ? row[c] : (row as Record<string, unknown>)[name])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Column names of object rows in first-seen order; list rows get their positions. */
function columnsOf(rows: TableSpec["rows"]): string[] {
  const names = new Set<string>();
  for (const row of rows) {
    if (Array.isArray(row)) row.forEach((_, i) => names.add(String(i)));
    else Object.keys(row).forEach((key) => names.add(key));
  }
  return [...names];
}
