import { useState } from "react";
import type { TokenCreated } from "../../hooks/accessApi";

interface Props {
  token: TokenCreated;
  onDismiss: () => void;
}

/** A just-created token's secret: shown this once, with a copy button. */
export function NewTokenNote({ token, onDismiss }: Props) {
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="new-token" role="status" data-testid="new-token">
      <p>Token “{token.name}” created. Copy it now: it will not be shown again.</p>
      <input
        readOnly
        value={token.token}
        aria-label="New token secret"
        onFocus={(event) => event.target.select()}
      />
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      {copied === true && <span className="ok">copied</span>}
      {copied === false && <span className="field-error">select the text and copy it</span>}
      <button type="button" className="link" onClick={onDismiss}>
        done
      </button>
    </div>
  );
}
