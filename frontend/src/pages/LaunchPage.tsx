import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, ApiError, unwrap, type RunRead } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";
import { ParamRow } from "../components/launch/ParamRow";
import { PreviewPanel } from "../components/launch/PreviewPanel";
import { useLaunch, useLocks, usePreview, useProject, useRuns } from "../hooks/api";
import { removeParam, renameParam } from "../lib/command";
import {
  emptyForm,
  formFromRun,
  toRequest,
  type LaunchForm,
  type Strategy,
} from "../lib/launchForm";
import { newParam, type ParamDraft } from "../lib/spec";

export const TRACKED_METRICS_KEY = "hypertuner.trackedMetrics.";

/** Loads what the form starts from: a previous run, its locks and an experiment's values. */
export function LaunchPage() {
  const projectId = Number(useParams().projectId);
  const [search] = useSearchParams();
  const project = useProject(projectId);
  const runs = useRuns(projectId);
  const sweeps = (runs.data ?? []).filter((run) => run.kind === "sweep");
  const fromId = Number(search.get("from")) || sweeps.at(-1)?.id || 0;
  const from = (runs.data ?? []).find((run) => run.id === fromId);
  const locks = useLocks(fromId);
  const experimentId = Number(search.get("experiment")) || 0;
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
    runs.isPending || (fromId > 0 && locks.isPending) || (experimentId > 0 && experiment.isPending);
  if (project.error || runs.error) return <ErrorNote error={project.error ?? runs.error} />;
  if (waiting || !project.data) return <p className="loading">Loading…</p>;

  const initial = from
    ? formFromRun(from, locks.data ?? [], experiment.data?.params ?? null)
    : emptyForm();
  const previous = (runs.data ?? []).toReversed().find((run) => run.script_fingerprint);
  return (
    <LaunchFormView
      key={`${fromId}-${experimentId}`}
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

/** Field errors of an API error: `params.lr.step` goes to the `lr` row, under `step`. */
function fieldErrors(error: unknown): {
  form: Record<string, string>;
  params: Record<string, Record<string, string>>;
} {
  const form: Record<string, string> = {};
  const params: Record<string, Record<string, string>> = {};
  if (!(error instanceof ApiError) || !error.field) return { form, params };

  const match = /^params\.([A-Za-z_][A-Za-z0-9_]*)(?:[.[]([A-Za-z_]+))?/.exec(error.field);
  if (match) params[match[1] ?? ""] = { [match[2] ?? ""]: error.message };
  else form[error.field] = error.message;
  return { form, params };
}

function LaunchFormView({ projectId, projectName, initial, basedOn, previous }: ViewProps) {
  const navigate = useNavigate();
  const [form, setForm] = useState<LaunchForm>(initial);
  const request = form.command.trim() ? toRequest({ ...form, name: form.name || "preview" }) : null;
  const preview = usePreview(projectId, request);
  const launch = useLaunch(projectId);
  const shownError = launch.error ?? preview.error;
  const errors = fieldErrors(shownError);

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
  const fieldError = (field: string) =>
    errors.form[field] ? (
      <span className="field-error" role="alert">
        {errors.form[field]}
      </span>
    ) : null;

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
          <label>
            Run name
            <input
              value={form.name}
              onChange={(event) => update({ name: event.target.value })}
              required
              aria-label="Run name"
            />
            {fieldError("name")}
          </label>
          <label>
            Command template
            <textarea
              value={form.command}
              onChange={(event) => update({ command: event.target.value })}
              rows={3}
              aria-label="Command template"
              placeholder="python train.py --lr {lr}"
            />
            {fieldError("command")}
          </label>
          <label>
            Working folder <span className="muted">(optional, absolute)</span>
            <input
              value={form.workdir}
              onChange={(event) => update({ workdir: event.target.value })}
              aria-label="Working folder"
            />
            {fieldError("workdir")}
          </label>

          <h3>Hyperparameters</h3>
          {fieldError("params")}
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

          <h3>Search</h3>
          <div className="row">
            <label>
              Strategy
              <select
                value={form.strategy}
                onChange={(event) => update({ strategy: event.target.value as Strategy })}
                aria-label="Strategy"
              >
                <option value="grid">grid (every combination)</option>
                <option value="random">random sampler</option>
                <option value="lhs">Latin hypercube sampler</option>
                <option value="sobol">Sobol sampler</option>
              </select>
              {fieldError("strategy")}
            </label>
            {form.strategy !== "grid" && (
              <>
                <label>
                  Samples
                  <input
                    value={form.samples}
                    onChange={(event) => update({ samples: event.target.value })}
                    size={6}
                    aria-label="Samples"
                  />
                  {fieldError("samples")}
                </label>
                <label>
                  Seed
                  <input
                    value={form.seed}
                    onChange={(event) => update({ seed: event.target.value })}
                    size={6}
                    aria-label="Seed"
                  />
                  {fieldError("seed")}
                </label>
              </>
            )}
            <label>
              Max concurrent
              <input
                value={form.maxConcurrent}
                onChange={(event) => update({ maxConcurrent: event.target.value })}
                size={4}
                aria-label="Max concurrent"
              />
              {fieldError("max_concurrent")}
            </label>
          </div>

          <h3>Metrics</h3>
          <div className="row">
            <label>
              Objective metric
              <input
                value={form.objectiveMetric}
                onChange={(event) => update({ objectiveMetric: event.target.value })}
                aria-label="Objective metric"
                placeholder="val_accuracy"
              />
              {fieldError("objective.metric") ?? fieldError("objective")}
            </label>
            <label>
              Goal
              <select
                value={form.objectiveMode}
                onChange={(event) => update({ objectiveMode: event.target.value as "max" | "min" })}
                aria-label="Objective goal"
              >
                <option value="max">maximize</option>
                <option value="min">minimize</option>
              </select>
            </label>
            <label>
              Metrics to track <span className="muted">(shown first in the dashboard)</span>
              <input
                value={form.trackedMetrics}
                onChange={(event) => update({ trackedMetrics: event.target.value })}
                aria-label="Metrics to track"
                placeholder="val_accuracy, val_loss"
              />
            </label>
          </div>
          <label>
            Data files <span className="muted">(comma-separated; fingerprinted)</span>
            <input
              value={form.dataPaths}
              onChange={(event) => update({ dataPaths: event.target.value })}
              aria-label="Data files"
            />
            {fieldError("data_paths")}
          </label>

          <label className="check">
            <input
              type="checkbox"
              checked={form.repeatExisting}
              onChange={(event) => update({ repeatExisting: event.target.checked })}
            />{" "}
            Repeat combinations already run
            {fieldError("repeat_existing")}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.confirmLarge}
              onChange={(event) => update({ confirmLarge: event.target.checked })}
            />{" "}
            Confirm a grid over 10,000 combinations
            {fieldError("confirm_large")}
          </label>
          {shownError && !(shownError instanceof ApiError && shownError.field) ? (
            <ErrorNote error={shownError} />
          ) : null}
          <button type="submit" className="primary" disabled={launch.isPending}>
            {launch.isPending ? "Launching…" : "Launch"}
          </button>
        </form>
        <PreviewPanel
          preview={preview.error ? undefined : preview.data}
          loading={preview.isFetching}
          repeatExisting={form.repeatExisting}
          previous={previous}
        />
      </div>
    </div>
  );
}
