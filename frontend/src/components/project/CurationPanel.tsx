import { useState } from "react";
import {
  useCuration,
  useCurationMutations,
  useProduction,
  type CurationUpdate,
} from "../../hooks/projectApi";
import type { Schemas } from "../../api/client";
import { ErrorNote } from "../common/ErrorNote";

interface Props {
  projectId: number;
  experimentId: number;
  canEdit: boolean;
}

export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

/** One experiment's star, archive flag, tags and markdown note; and marking it production. */
export function CurationPanel({ projectId, experimentId, canEdit }: Props) {
  const curation = useCuration(experimentId);
  const { update } = useCurationMutations(projectId);
  const { current, mark } = useProduction(projectId);
  const loaded = curation.data;

  if (!loaded) return <ErrorNote error={curation.error} />;
  const save = (body: CurationUpdate) => update.mutate({ id: experimentId, body });
  const isProduction = current.data?.mark?.experiment_id === experimentId;

  return (
    <section className="curation-panel" aria-label={`Experiment ${experimentId}`}>
      <h3>Experiment {experimentId}</h3>
      <div className="row">
        <button
          type="button"
          disabled={!canEdit}
          aria-pressed={loaded.starred}
          onClick={() => save({ starred: !loaded.starred })}
        >
          {loaded.starred ? "★ Starred" : "☆ Star"}
        </button>
        <button
          type="button"
          disabled={!canEdit}
          onClick={() => save({ archived: !loaded.archived })}
        >
          {loaded.archived ? "Restore" : "Archive"}
        </button>
        <button
          type="button"
          disabled={!canEdit || isProduction}
          onClick={() => mark.mutate({ experiment_id: experimentId, note: "" })}
        >
          {isProduction ? "In production" : "Mark as production"}
        </button>
      </div>
      <CurationForm
        key={`${experimentId}:${loaded.updated_at ?? ""}`}
        loaded={loaded}
        canEdit={canEdit}
        onSave={save}
      />
      <ErrorNote error={update.error ?? mark.error} />
    </section>
  );
}

interface FormProps {
  loaded: Schemas["CurationRead"];
  canEdit: boolean;
  onSave: (body: CurationUpdate) => void;
}

function CurationForm({ loaded, canEdit, onSave }: FormProps) {
  const [tags, setTags] = useState((loaded.tags ?? []).join(", "));
  const [note, setNote] = useState(loaded.note ?? "");
  const saveTags = () => {
    const next = parseTags(tags);
    if (next.join(",") !== (loaded.tags ?? []).join(",")) onSave({ tags: next });
  };
  return (
    <>
      <label>
        Tags (comma-separated)
        <input
          value={tags}
          readOnly={!canEdit}
          onChange={(event) => setTags(event.target.value)}
          onBlur={() => canEdit && saveTags()}
          onKeyDown={(event) => event.key === "Enter" && canEdit && saveTags()}
        />
      </label>
      <label>
        Note (markdown)
        <textarea
          rows={4}
          value={note}
          readOnly={!canEdit}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      {canEdit && (
        <button
          type="button"
          disabled={note === (loaded.note ?? "")}
          onClick={() => onSave({ note })}
        >
          Save note
        </button>
      )}
    </>
  );
}
