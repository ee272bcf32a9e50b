import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { BulkBar } from "../components/project/BulkBar";
import { ChangeStrip } from "../components/project/ChangeStrip";
import { ComparePanel } from "../components/project/ComparePanel";
import { CurationPanel } from "../components/project/CurationPanel";
import { JournalPanel } from "../components/project/JournalPanel";
import { ProductionPanel } from "../components/project/ProductionPanel";
import { ProgressChart } from "../components/project/ProgressChart";
import { ProjectTable } from "../components/project/ProjectTable";
import { ReportPanel } from "../components/project/ReportPanel";
import { RunNotes } from "../components/project/RunNotes";
import { useProject } from "../hooks/api";
import { exportUrl, useCurationMutations, useExperimentTable } from "../hooks/projectApi";
import { useCanEdit } from "../hooks/useProjectRole";
import { SelectionContext, useSelection } from "../hooks/useSelection";
import { buildProjectData, type ProjectData } from "../lib/projectData";
import { SelectionStore } from "../lib/selection";

/** The project's memory: every experiment of every run, progress, curation, compare, report. */
export function ProjectDashboardPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <ProjectDashboard projectId={projectId} />}
    </WithRouteId>
  );
}

function ProjectDashboard({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const canEdit = useCanEdit(projectId);
  const [showArchived, setShowArchived] = useState(false);
  const table = useExperimentTable(projectId, showArchived);
  const data = useMemo(() => (table.data ? buildProjectData(table.data) : null), [table.data]);
  const [store] = useState(() => new SelectionStore());
  useEffect(() => {
    if (data) store.setData(data.data);
  }, [store, data]);

  return (
    <div className="project-dashboard" data-complete={table.data && !table.partial}>
      <header className="page-head">
        <div>
          <Link to={`/projects/${projectId}`}>← runs</Link>
          <h2>{project.data?.name ?? "…"} · dashboard</h2>
        </div>
        <div className="row">
          <label>
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(event) => setShowArchived(event.target.checked)}
            />{" "}
            show archived
            {table.data && !showArchived ? ` (${table.data.archived_hidden} hidden)` : ""}
          </label>
          <a className="button" href={exportUrl(projectId, "csv", null)} download>
            Export CSV
          </a>
          <a className="button" href={exportUrl(projectId, "json", null)} download>
            Export JSON
          </a>
          {canEdit && (
            <Link className="button" to={`/projects/${projectId}/import`}>
              Import
            </Link>
          )}
        </div>
      </header>
      <ErrorNote error={project.error ?? table.error} />
      {table.data && table.partial && (
        <p className="loading-rest" role="status" data-testid="table-partial">
          Showing {table.data.total.toLocaleString("en-US")} of{" "}
          {table.data.available.toLocaleString("en-US")} experiments, from the newest runs
          {table.loadingRest ? "; loading the rest…" : "."}
        </p>
      )}
      {data && (
        <SelectionContext.Provider value={store}>
          <DashboardBody projectId={projectId} project={data} />
        </SelectionContext.Provider>
      )}
    </div>
  );
}

function selectedIds(project: ProjectData, mask: Uint8Array | null): number[] | null {
  if (mask === null) return null;
  const ids: number[] = [];
  for (let i = 0; i < mask.length; i += 1) if (mask[i] === 1) ids.push(project.data.ids[i] ?? 0);
  return ids;
}

function DashboardBody({ projectId, project }: { projectId: number; project: ProjectData }) {
  const canEdit = useCanEdit(projectId);
  const { mask } = useSelection();
  const [focused, setFocused] = useState<number | null>(null);
  const [comparing, setComparing] = useState<number[] | null>(null);
  const { update } = useCurationMutations(projectId);
  const selected = useMemo(() => selectedIds(project, mask), [project, mask]);

  return (
    <>
      <section className="progress" aria-label="Progress">
        <ProgressChart project={project} width={960} height={280} />
        <ChangeStrip project={project} />
      </section>
      {selected !== null && (
        <BulkBar
          projectId={projectId}
          selected={selected}
          canEdit={canEdit}
          onCompare={() => setComparing(selected)}
        />
      )}
      {comparing && (
        <ComparePanel projectId={projectId} ids={comparing} onClose={() => setComparing(null)} />
      )}
      <div className="dashboard-columns">
        <ProjectTable
          project={project}
          canEdit={canEdit}
          focused={focused}
          onFocus={setFocused}
          onStar={(id, starred) => update.mutate({ id, body: { starred } })}
        />
        <aside className="side">
          {focused !== null && (
            <CurationPanel projectId={projectId} experimentId={focused} canEdit={canEdit} />
          )}
          <ProductionPanel projectId={projectId} />
          <RunNotes runs={project.runs} canEdit={canEdit} />
          <JournalPanel projectId={projectId} canEdit={canEdit} />
          <ReportPanel
            projectId={projectId}
            experimentIds={selected}
            objective={project.objective}
          />
        </aside>
      </div>
    </>
  );
}
