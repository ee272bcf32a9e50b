import { Link } from "react-router";
import { ApiError } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { FlagRulesForm } from "../components/flags/FlagRulesForm";
import { useProject } from "../hooks/api";
import { useFlagCatalogue, useFlagRules, useSaveFlagRules } from "../hooks/flagApi";
import { useCanEdit } from "../hooks/useProjectRole";
import { isFormField } from "../lib/flagRules";

/** A project's flag rules and thresholds; editors change them, everyone reads them. */
export function FlagRulesPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <FlagRules projectId={projectId} />}
    </WithRouteId>
  );
}

function FlagRules({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const rules = useFlagRules(projectId);
  const catalogue = useFlagCatalogue();
  const save = useSaveFlagRules(projectId);
  const canEdit = useCanEdit(projectId);
  const shownInForm = save.error instanceof ApiError && isFormField(save.error.field);
  const descriptions = new Map((catalogue.data ?? []).map((f) => [f.name, f.description]));

  return (
    <div className="flag-rules-page">
      <header className="page-head">
        <div>
          <Link to={`/projects/${projectId}`}>← {project.data?.name ?? "runs"}</Link>
          <h2>Flag rules</h2>
          <p className="muted">
            Flags are raised on every experiment of the project as its metrics arrive; a run can
            stop experiments when one is raised. Saving recomputes every experiment's flags.
          </p>
        </div>
      </header>
      <ErrorNote error={project.error ?? rules.error} />
      {rules.data && (
        <>
          <p className="muted" data-testid="flag-rules-state">
            {rules.data.custom
              ? `Set for this project${rules.data.updated_at ? `, ${new Date(rules.data.updated_at).toLocaleString()}` : ""}`
              : "The defaults"}
            {save.data?.reevaluated != null
              ? ` · flags recomputed for ${save.data.reevaluated} experiments`
              : ""}
          </p>
          <FlagRulesForm
            key={rules.data.updated_at ?? "defaults"}
            rules={rules.data.rules}
            descriptions={descriptions}
            canEdit={canEdit}
            busy={save.isPending}
            error={save.error}
            onSave={(next) => save.mutate(next)}
          />
          {!shownInForm && <ErrorNote error={save.error} />}
        </>
      )}
    </div>
  );
}
