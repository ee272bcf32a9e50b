import { useState } from "react";
import { useJournal, type JournalRead } from "../../hooks/projectApi";
import { ErrorNote } from "../common/ErrorNote";

const today = () => new Date().toISOString().slice(0, 10);

/** The dated project journal: newest day first; editors add, correct and remove entries. */
export function JournalPanel({ projectId, canEdit }: { projectId: number; canEdit: boolean }) {
  const { list, add, edit, remove } = useJournal(projectId);
  const [day, setDay] = useState(today);
  const [body, setBody] = useState("");

  return (
    <section className="journal" aria-label="Journal">
      <h3>Journal</h3>
      {canEdit && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ body, day }, { onSuccess: () => setBody("") });
          }}
        >
          <input
            type="date"
            aria-label="Day"
            value={day}
            onChange={(e) => setDay(e.target.value)}
          />
          <textarea
            aria-label="New journal entry"
            rows={2}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
          <button type="submit" disabled={!body.trim()}>
            Add entry
          </button>
        </form>
      )}
      <ErrorNote error={list.error ?? add.error ?? edit.error ?? remove.error} />
      <ul>
        {(list.data ?? []).map((entry) => (
          <JournalEntry
            key={entry.id}
            entry={entry}
            canEdit={canEdit}
            onSave={(text, date) => edit.mutate({ id: entry.id, body: text, day: date })}
            onDelete={() => remove.mutate(entry.id)}
          />
        ))}
      </ul>
    </section>
  );
}

interface EntryProps {
  entry: JournalRead;
  canEdit: boolean;
  onSave: (body: string, day: string) => void;
  onDelete: () => void;
}

function JournalEntry({ entry, canEdit, onSave, onDelete }: EntryProps) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(entry.body);
  const [day, setDay] = useState(entry.day);

  if (editing)
    return (
      <li className="journal-entry">
        <input
          type="date"
          aria-label="Entry day"
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
        <textarea aria-label="Entry text" value={body} onChange={(e) => setBody(e.target.value)} />
        <button
          type="button"
          onClick={() => {
            onSave(body, day);
            setEditing(false);
          }}
        >
          Save
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </li>
    );
  return (
    <li className="journal-entry">
      <time>{entry.day}</time> <span className="muted">{entry.author}</span>
      <p className="note-text">{entry.body}</p>
      {canEdit && (
        <>
          <button type="button" className="link" onClick={() => setEditing(true)}>
            edit
          </button>
          <button type="button" className="link" onClick={onDelete}>
            delete
          </button>
        </>
      )}
    </li>
  );
}
