import { Link } from "react-router";
import { AddMemberForm } from "../components/access/AddMemberForm";
import { AuditList } from "../components/access/AuditList";
import { MemberList } from "../components/access/MemberList";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { useProject } from "../hooks/api";
import { useAudit, useMemberMutations, useMembers } from "../hooks/accessApi";
import { roleAtLeast } from "../hooks/useProjectRole";

/** A project's sharing (members and roles, changed by owners) and its history. */
export function MembersPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <Members projectId={projectId} />}
    </WithRouteId>
  );
}

function Members({ projectId }: { projectId: number }) {
  const project = useProject(projectId);
  const members = useMembers(projectId);
  const audit = useAudit(projectId);
  const { add, change, remove } = useMemberMutations(projectId);
  const isOwner = roleAtLeast(project.data?.role, "owner");
  const busy = add.isPending || change.isPending || remove.isPending;
  const names = new Map((members.data ?? []).map((m) => [m.user_id, m.username]));

  const reset = () => [add, change, remove].forEach((mutation) => mutation.reset());
  if (project.error) return <ErrorNote error={project.error} />;
  return (
    <div className="members-page">
      <header className="page-head">
        <div>
          <Link to={`/projects/${projectId}`}>← {project.data?.name ?? "runs"}</Link>
          <h2>Sharing and history</h2>
          {project.data && (
            <p className="muted" data-testid="my-role">
              Your role: {project.data.role}
            </p>
          )}
        </div>
      </header>

      <section aria-label="Sharing">
        <h3>Members</h3>
        <ErrorNote error={members.error} />
        <MemberList
          members={members.data ?? []}
          canManage={isOwner}
          busy={busy}
          onRole={(userId, role) => {
            reset();
            change.mutate({ userId, role });
          }}
          onRemove={(userId) => {
            reset();
            remove.mutate(userId);
          }}
        />
        <ErrorNote error={change.error ?? remove.error} />
        {isOwner ? (
          <>
            <AddMemberForm
              busy={busy}
              onAdd={(username, role) => {
                reset();
                return add.mutateAsync({ username, role });
              }}
            />
            <ErrorNote error={add.error} />
          </>
        ) : (
          <p className="muted">Only owners add and remove members or change roles.</p>
        )}
      </section>

      <section aria-label="History">
        <h3>History</h3>
        <ErrorNote error={audit.error} />
        <AuditList events={audit.data ?? []} names={names} />
      </section>
    </div>
  );
}
