import type { AuditEventRead } from "../../hooks/accessApi";

interface Props {
  events: AuditEventRead[];
  /** Usernames by id, for the members still known; others show as "user #id". */
  names: Map<number, string>;
}

function who(userId: number | null, names: Map<number, string>): string {
  if (userId === null) return "system";
  return names.get(userId) ?? `user #${userId}`;
}

/** A project's history, newest first: who did what, when. */
export function AuditList({ events, names }: Props) {
  if (events.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <table className="audit" aria-label="History">
      <thead>
        <tr>
          <th>when</th>
          <th>who</th>
          <th>action</th>
          <th>what</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-action={event.action}>
            <td>{new Date(event.created_at).toLocaleString()}</td>
            <td>{who(event.user_id, names)}</td>
            <td>
              <code>{event.action}</code>
            </td>
            <td>{event.summary || event.target}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
