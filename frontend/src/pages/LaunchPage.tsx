import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap, type RunRead } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";
import { WithRouteId } from "../components/common/WithRouteId";
import { FieldError, TextField } from "../components/launch/Field";
import { EarlyStoppingSection } from "../components/launch/EarlyStoppingSection";
import { MetricsSection, OptionsSection, SearchSection } from "../components/launch/LaunchSections";
import { ParamRow } from "../components/launch/ParamRow";
import { PreviewPanel } from "../components/launch/PreviewPanel";
import { useLaunch, useLocks, usePreview, useProject, useRuns } from "../hooks/api";
import { useFlagCatalogue } from "../hooks/flagApi";
import { roleAtLeast } from "../hooks/useProjectRole";
import { removeParam, renameParam } from "../lib/command";
import {
  TRACKED_METRICS_KEY,
  emptyForm,
  fieldErrors,
  formFromRun,
  shownBesideField,
  toRequest,
  type LaunchForm,
} from "../lib/launchForm";
import { parseRouteId } from "../lib/routeId";
import { newParam, type ParamDraft } from "../lib/spec";

/** Loads what the form starts from: a previous run, its locks and an experiment's values. */
export function LaunchPage() {
  return (
    <WithRouteId name="projectId" what="project">
      {(projectId) => <LaunchStart projectId={projectId} />}
    </WithRouteId>
  );
}

function LaunchStart({ projectId }: { projectId: number }) {
  const [search] = useSearchParams();
  const project = useProject(projectId);
  const runs = useRuns(projectId);
  const sweeps = (runs.data ?? []).filter((run) => run.kind === "sweep");
  // A project without runs has nothing to start from: no locks are asked for.
  const fromId = parseRouteId(search.get("from")) ?? sweeps.at(-1)?.id ?? null;
  const from = (runs.data ?? []).find((run) => run.id === fromId);
  const locks = useLocks(fromId);
  const experimentId = parseRouteId(search.get("experiment")) ?? 0;
  const experiment = useQuery({
    queryKey: ["experiment", experimentId],
    queryFn: () =>
      unwrap(
        api.GET("/api/experiments/{experiment_id}", {
          params: { path: { experiment_id: experimentId } },
        }),
      ),
    enabled: experimentId > 0,
  });

  const waiting =
    runs.isPending ||
    (fromId !== null && locks.isPending) ||
    (experimentId > 0 && experiment.isPending);
  if (project.error || runs.error) return <ErrorNote error={project.error ?? runs.error} />;
  if (waiting || !project.data) return <p className="loading">Loading…</p>;
  if (!roleAtLeast(project.data.role, "editor")) {
    return (
      <p className="error" role="alert" data-testid="viewer-cannot-launch">
        You are a viewer of {project.data.name}: viewers cannot launch runs. Ask an owner to make
        you an editor. <Link to={`/projects/${projectId}`}>Back to the runs</Link>
      </p>
    );
  }

  const initial = from
    ? formFromRun(from, locks.data ?? [], experiment.data?.params ?? null)
    : emptyForm();
  const previous = (runs.data ?? []).toReversed().find((run) => run.script_fingerprint);
  return (
    <LaunchFormView
      key={`${fromId ?? 0}-${experimentId}`}
      projectId={projectId}
      projectName={project.data.name}
      initial={initial}
      basedOn={from}
      previous={previous}
    />
  );
}

interface ViewProps {
  projectId: number;
  projectName: string;
  initial: LaunchForm;
  basedOn: RunRead | undefined;
  previous: RunRead | undefined;
}

function LaunchFormView({ projectId, projectName, initial, basedOn, previous }: ViewProps) {
  const navigate = useNavigate();
  const [form, setForm] = useState<LaunchForm>(initial);
  const request = form.command.trim() ? toRequest({ ...form, name: form.name || "preview" }) : null;
  const preview = usePreview(projectId, request);
  const launch = useLaunch(projectId);
  const shownError = launch.error ?? preview.error;
  const errors = fieldErrors(shownError);
  const flags = useFlagCatalogue();
  const descriptions = new Map((flags.data ?? []).map((flag) => [flag.name, flag.description]));

  const update = (patch: Partial<LaunchForm>) => setForm((current) => ({ ...current, ...patch }));
  const setParam = (index: number, next: ParamDraft) =>
    setForm((current) => {
      const before = current.params[index];
      const params = current.params.map((draft, i) => (i === index ? next : draft));
      const command =
        before && before.name !== next.name
          ? renameParam(current.command, before.name, next.name)
          : current.command;
      return { ...current, params, command };
    });
  const removeRow = (index: number) =>
    setForm((current) => ({
      ...current,
      params: current.params.filter((_, i) => i !== index),
      command: removeParam(current.command, current.params[index]?.name ?? ""),
    }));

  const submit = async () => {
    const run = await launch.mutateAsync(toRequest(form));
    if (form.trackedMetrics.trim())
      localStorage.setItem(`${TRACKED_METRICS_KEY}${run.id}`, form.trackedMetrics);
    navigate(`/runs/${run.id}`);
  };
  return (
    <div className="launch" data-testid="launch-form">
      <header className="page-head">
        <div>
          <Link to={`/projects/${projectId}`}>← {projectName}</Link>
          <h2>New run</h2>
          {basedOn && (
            <p className="muted">Starting from run “{basedOn.name}” and its locked ranges.</p>
          )}
        </div>
      </header>
      <div className="launch-body">
        <form
          className="launch-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit().catch(() => undefined);
          }}
        >
          <TextField
            label="Run name"
            value={form.name}
            onChange={(name) => update({ name })}
            error={errors.form["name"]}
            required
          />
          <TextField
            label="Command template"
            multiline
            value={form.command}
            onChange={(command) => update({ command })}
            error={errors.form["command"]}
            placeholder="python train.py --lr {lr}"
          />
          <TextField
            label="Working folder"
            hint="(optional, absolute)"
            value={form.workdir}
            onChange={(workdir) => update({ workdir })}
            error={errors.form["workdir"]}
          />

          <h3>Hyperparameters</h3>
          <FieldError message={errors.form["params"]} />
          {form.params.map((draft, index) => (
            <ParamRow
              key={draft.key}
              draft={draft}
              errors={errors.params[draft.name] ?? {}}
              onChange={(next) => setParam(index, next)}
              onRemove={() => removeRow(index)}
            />
          ))}
          <button type="button" onClick={() => update({ params: [...form.params, newParam()] })}>
            Add hyperparameter
          </button>

          <SearchSection form={form} update={update} errors={errors.form} />
          <MetricsSection form={form} update={update} errors={errors.form} />
          <EarlyStoppingSection
            form={form}
            update={update}
            errors={errors.form}
            descriptions={descriptions}
          />
          <OptionsSection form={form} update={update} errors={errors.form} />
          {shownError && !shownBesideField(shownError) ? <ErrorNote error={shownError} /> : null}
          <button type="submit" className="primary" disabled={launch.isPending}>
            {launch.isPending ? "Launching…" : "Launch"}
          </button>
        </form>
        <PreviewPanel
          preview={preview.error ? undefined : preview.data}
          loading={preview.isFetching}
          repeatExisting={form.repeatExisting}
          previous={previous}
          problem={preview.error?.message}
        />
      </div>
    </div>
  );
}
