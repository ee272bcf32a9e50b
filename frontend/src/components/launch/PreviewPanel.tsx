import { Link } from "react-router";
import type { RunPreview, RunRead } from "../../api/client";
import { formatValue } from "../../lib/numbers";

const SHOWN_ROWS = 200;

interface Props {
  preview: RunPreview | undefined;
  loading: boolean;
  repeatExisting: boolean;
  /** The project's latest run with a script fingerprint, to tell when the script changed. */
  previous: RunRead | undefined;
  /** Why the form cannot be previewed now (the server's message), shown in place of it. */
  problem?: string | undefined;
}

function shortPrint(fingerprint: string | null | undefined): string {
  return fingerprint ? fingerprint.slice(0, 12) : "none";
}

/** What a launch would run: the count, warnings, and every combination, marked if it ran. */
export function PreviewPanel({ preview, loading, repeatExisting, previous, problem }: Props) {
  if (problem)
    return (
      <p className="preview-problem" role="status" data-testid="preview-problem">
        No preview until this is fixed: {problem}
      </p>
    );
  if (!preview)
    return (
      <p className="muted">
        {loading ? "Computing the preview…" : "Fill in the form to see what would run."}
      </p>
    );

  const names = Object.keys(preview.combinations[0]?.params ?? {});
  const scriptChanged = previous && previous.script_fingerprint !== preview.script_fingerprint;
  const dataChanged =
    previous &&
    JSON.stringify(previous.data_fingerprints) !== JSON.stringify(preview.data_fingerprints);

  return (
    <section className="preview" aria-label="Preview" aria-busy={loading}>
      <p className="preview-count" data-testid="preview-count">
        <strong>{preview.count}</strong> combination{preview.count === 1 ? "" : "s"}:{" "}
        <strong>{preview.to_run}</strong> to run
        {preview.already_run > 0 &&
          `, ${preview.already_run} already run (${repeatExisting ? "repeated" : "skipped"})`}
      </p>
      {scriptChanged && (
        <p className="notice" data-testid="fingerprint-changed">
          The script differs from the one of run “{previous.name}” (
          {shortPrint(previous.script_fingerprint)} → {shortPrint(preview.script_fingerprint)}): its
          results are not counted as already run. Repeating is right when the script or data
          changed.
        </p>
      )}
      {dataChanged && !scriptChanged && (
        <p className="notice" data-testid="data-changed">
          The data files differ from run “{previous.name}”.
        </p>
      )}
      {preview.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      <div className="table-scroll preview-table">
        <table aria-label="Combinations">
          <thead>
            <tr>
              <th>#</th>
              {names.map((name) => (
                <th key={name}>{name}</th>
              ))}
              <th>already run</th>
            </tr>
          </thead>
          <tbody>
            {preview.combinations.slice(0, SHOWN_ROWS).map((row) => (
              <tr
                key={row.index}
                className={row.existing ? (repeatExisting ? "repeat" : "skip") : ""}
              >
                <td>{row.index + 1}</td>
                {names.map((name) => (
                  <td key={name}>{formatValue(row.params[name])}</td>
                ))}
                <td>
                  {row.existing ? (
                    <>
                      <Link to={`/runs/${row.existing.run_id}`}>#{row.existing.experiment_id}</Link>{" "}
                      {row.existing.status}
                      {row.existing.objective !== null &&
                        row.existing.objective !== undefined &&
                        ` · ${formatValue(row.existing.objective)}`}{" "}
                      · {repeatExisting ? "repeat" : "skip"}
                    </>
                  ) : (
                    <span className="muted">new</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.count > SHOWN_ROWS && (
          <p className="muted">…and {preview.count - SHOWN_ROWS} more</p>
        )}
      </div>
    </section>
  );
}
