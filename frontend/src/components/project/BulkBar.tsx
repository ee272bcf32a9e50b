import { useState } from "react";
import { exportUrl, useCurationMutations } from "../../hooks/projectApi";
import { ErrorNote } from "../common/ErrorNote";

interface Props {
  projectId: number;
  selected: number[];
  canEdit: boolean;
  onCompare: () => void;
}

/** What applies to the whole selection: star, archive, tag, compare, export. */
export function BulkBar({ projectId, selected, canEdit, onCompare }: Props) {
  const { bulk } = useCurationMutations(projectId);
  const [tag, setTag] = useState("");
  const ids = selected;
  const apply = (change: Omit<Parameters<typeof bulk.mutate>[0], "experiment_ids">) =>
    bulk.mutate({ experiment_ids: ids, ...change });

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <strong data-testid="selected-count">{ids.length} selected</strong>
      {canEdit && (
        <>
          <button type="button" onClick={() => apply({ starred: true })}>
            Star
          </button>
          <button type="button" onClick={() => apply({ starred: false })}>
            Unstar
          </button>
          <button type="button" onClick={() => apply({ archived: true })}>
            Archive
          </button>
          <button type="button" onClick={() => apply({ archived: false })}>
            Restore
          </button>
          <input
            aria-label="Tag for the selection"
            placeholder="tag"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
          />
          <button
            type="button"
            disabled={!tag.trim()}
            onClick={() => apply({ add_tags: [tag.trim()] })}
          >
            Add tag
          </button>
          <button
            type="button"
            disabled={!tag.trim()}
            onClick={() => apply({ remove_tags: [tag.trim()] })}
          >
            Remove tag
          </button>
        </>
      )}
      <button type="button" disabled={ids.length < 2 || ids.length > 8} onClick={onCompare}>
        Compare
      </button>
      <a className="button" href={exportUrl(projectId, "csv", ids)} download>
        CSV
      </a>
      <a className="button" href={exportUrl(projectId, "json", ids)} download>
        JSON
      </a>
      <ErrorNote error={bulk.error} />
    </div>
  );
}
