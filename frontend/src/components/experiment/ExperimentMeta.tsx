import type { RunRead } from "../../api/client";
import type { ExperimentDetail } from "../../hooks/experimentApi";
import { formatValue } from "../../lib/numbers";
import { duration, shellLine, when } from "./meta";

interface Props {
  experiment: ExperimentDetail;
  run: RunRead;
  note: string | undefined;
}

/** What ran and how it ended: values, command, fingerprints, host, times, output tails. */
export function ExperimentMeta({ experiment: e, run, note }: Props) {
  const data = Object.entries(run.data_fingerprints ?? {});
  return (
    <section className="experiment-section experiment-meta" data-testid="experiment-meta">
      <dl className="meta-grid">
        {Object.entries(e.params).map(([name, value]) => (
          <Item key={name} term={name} testId={`param-${name}`}>
            {formatValue(value)}
          </Item>
        ))}
        <Item term="host">{e.host ?? "—"}</Item>
        <Item term="started">{when(e.started_at)}</Item>
        <Item term="ended">{when(e.ended_at)}</Item>
        <Item term="duration">{duration(e.started_at, e.ended_at)}</Item>
        <Item term="exit status" testId="exit-status">
          {e.exit_code === null ? "—" : e.exit_code}
          {e.reason ? ` · ${e.reason}` : ""}
        </Item>
        <Item term="script">
          <code title={e.script_fingerprint ?? ""}>{short(e.script_fingerprint)}</code>
        </Item>
        {data.map(([path, hash]) => (
          <Item key={path} term={`data ${path}`}>
            <code title={hash}>{short(hash)}</code>
          </Item>
        ))}
      </dl>
      <p className="command">
        <span className="muted">command </span>
        <code data-testid="experiment-command">{shellLine(e.argv)}</code>
      </p>
      {note && <p className="note">{note}</p>}
      <Tail title="stdout" text={e.stdout_tail} />
      <Tail title="stderr" text={e.stderr_tail} />
    </section>
  );
}

interface ItemProps {
  term: string;
  testId?: string;
  children: React.ReactNode;
}

function Item({ term, testId, children }: ItemProps) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Tail({ title, text }: { title: string; text: string }) {
  if (!text) return null;
  return (
    <details className="tail">
      <summary>
        {title} (last {text.split("\n").length} lines)
      </summary>
      <pre data-testid={`tail-${title}`}>{text}</pre>
    </details>
  );
}

/** A fingerprint's first characters; the whole one is in the title. */
function short(hash: string | null | undefined): string {
  if (!hash) return "—";
  const plain = hash.replace(/^sha256:/, "");
  return plain.length > 12 ? `${plain.slice(0, 12)}…` : plain;
}
