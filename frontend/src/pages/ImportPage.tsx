import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { ImportColumns } from "../components/project/ImportColumns";
import { useImport, type ColumnRole } from "../hooks/projectApi";

/** Import past history (CSV/TSV, Ray Tune, MLflow…): preview, choose roles, import. */
export function ImportPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <ImportForm projectId={projectId} />}
    </WithRouteId>
  );
}

function ImportForm({ projectId }: { projectId: number }) {
  const navigate = useNavigate();
  const { preview, create } = useImport(projectId);
  const [files, setFiles] = useState<File[]>([]);
  const [runName, setRunName] = useState("");
  const [roles, setRoles] = useState<Record<string, ColumnRole>>({});
  const settings = () => ({ roles, ...(runName.trim() ? { run_name: runName.trim() } : {}) });

  const choose = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    setFiles(chosen);
    setRoles({});
    if (chosen.length) preview.mutate({ files: chosen, settings: { roles: {} } });
  };
  const result = preview.data;

  return (
    <div className="import-page">
      <header className="page-head">
        <div>
          <Link to={`/projects/${projectId}/dashboard`}>← dashboard</Link>
          <h2>Import past history</h2>
        </div>
      </header>
      <p className="muted">
        CSV or TSV tables, or a zip of Ray Tune trial folders or an MLflow <code>mlruns/</code>.
      </p>
      <label>
        Files{" "}
        <input type="file" multiple aria-label="Files" onChange={(e) => choose(e.target.files)} />
      </label>
      <label>
        Run name <input value={runName} onChange={(event) => setRunName(event.target.value)} />
      </label>
      <ErrorNote error={preview.error ?? create.error} />
      {result && (
        <section aria-label="Preview">
          <p data-testid="import-summary">
            {result.format}: {result.rows} experiments, {result.metric_points} metric points from{" "}
            {result.files.join(", ")}
          </p>
          {result.warnings.map((warning) => (
            <p key={warning} className="muted">
              ⚠ {warning}
            </p>
          ))}
          <ImportColumns
            columns={result.columns}
            roles={roles}
            onRole={(name, role) => setRoles((now) => ({ ...now, [name]: role }))}
          />
          <button
            type="button"
            className="primary"
            disabled={create.isPending}
            onClick={() =>
              create.mutate(
                { files, settings: settings() },
                { onSuccess: () => navigate(`/projects/${projectId}/dashboard`) },
              )
            }
          >
            Import {result.rows} experiments
          </button>
        </section>
      )}
    </div>
  );
}
