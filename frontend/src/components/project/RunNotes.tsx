import { useState } from "react";
import { useRunNote } from "../../hooks/projectApi";
import type { TableRun } from "../../lib/projectData";
import { ErrorNote } from "../common/ErrorNote";

/** The markdown note of one run, chosen from the project's runs. */
export function RunNotes({ runs, canEdit }: { runs: TableRun[]; canEdit: boolean }) {
  const [runId, setRunId] = useState<number | null>(null);
  const chosen = runId ?? runs.at(-1)?.id ?? null;
  return (
    <section className="run-notes" aria-label="Run note">
      <h3>Run note</h3>
      <select
        aria-label="Run"
        value={chosen ?? ""}
        onChange={(event) => setRunId(Number(event.target.value))}
      >
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.name}
            {run.has_note ? " ✎" : ""}
          </option>
        ))}
      </select>
      {chosen !== null && <RunNoteEditor key={chosen} runId={chosen} canEdit={canEdit} />}
    </section>
  );
}

function RunNoteEditor({ runId, canEdit }: { runId: number; canEdit: boolean }) {
  const { note, write } = useRunNote(runId);
  const saved = note.data?.note;
  return (
    <>
      {saved !== undefined && (
        <RunNoteForm key={saved} saved={saved} canEdit={canEdit} onSave={(t) => write.mutate(t)} />
      )}
      <ErrorNote error={note.error ?? write.error} />
    </>
  );
}

interface FormProps {
  saved: string;
  canEdit: boolean;
  onSave: (text: string) => void;
}

function RunNoteForm({ saved, canEdit, onSave }: FormProps) {
  const [text, setText] = useState(saved);
  return (
    <>
      <textarea
        aria-label="Run note text"
        rows={3}
        value={text}
        readOnly={!canEdit}
        onChange={(event) => setText(event.target.value)}
      />
      {canEdit && (
        <button type="button" disabled={text === saved} onClick={() => onSave(text)}>
          Save run note
        </button>
      )}
    </>
  );
}
