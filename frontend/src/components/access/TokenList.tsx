import type { TokenRead } from "../../hooks/accessApi";

interface Props {
  tokens: TokenRead[];
  busy: boolean;
  onRevoke: (token: TokenRead) => void;
}

function expiry(token: TokenRead): string {
  return token.expires_at ? new Date(token.expires_at).toLocaleDateString() : "never";
}

/** The caller's personal tokens (never their secrets), each with a revoke button. */
export function TokenList({ tokens, busy, onRevoke }: Props) {
  if (tokens.length === 0) return <p className="muted">No personal token.</p>;
  return (
    <table className="tokens" aria-label="Tokens">
      <thead>
        <tr>
          <th>name</th>
          <th>scope</th>
          <th>created</th>
          <th>expires</th>
          <th aria-label="actions" />
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} data-testid={`token-${token.name}`}>
            <td>{token.name}</td>
            <td>{token.scope === "read" ? "read only" : "read and write"}</td>
            <td>{new Date(token.created_at).toLocaleString()}</td>
            <td>{expiry(token)}</td>
            <td>
              <button
                type="button"
                disabled={busy}
                aria-label={`Revoke ${token.name}`}
                onClick={() => onRevoke(token)}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
