import { useLayoutEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, type RunRead } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";
import { NotFound } from "../components/common/NotFound";
import { WithRouteId } from "../components/common/WithRouteId";
import { RunStatus } from "../components/common/RunStatus";
import { ExperimentsTable } from "../components/dashboard/ExperimentsTable";
import { OpenExperiment } from "../components/experiment/OpenExperiment";
import { MetricBars } from "../components/dashboard/MetricBars";
import { RangePanel } from "../components/dashboard/RangePanel";
import { ScatterGrid } from "../components/dashboard/ScatterGrid";
import { SelectionBar } from "../components/dashboard/SelectionBar";
import { isRunActive, useLockMutations, useLocks, useRun, useSavedSelections } from "../hooks/api";
import { useCanEdit } from "../hooks/useProjectRole";
import { useRouteId } from "../hooks/useRouteId";
import { useRunColumns } from "../hooks/useRunColumns";
import { SelectionContext } from "../hooks/useSelection";
import { TRACKED_METRICS_KEY } from "../lib/launchForm";
import { buildDataset, metricKey, type Dataset, type MetricStat } from "../lib/dataset";
import { bestExperiment, SelectionStore } from "../lib/selection";

/** The metrics the launch form asked to track for this run (shown first; the rest toggle on). */
function trackedMetrics(runId: number): string[] {
  const text = localStorage.getItem(`${TRACKED_METRICS_KEY}${runId}`) ?? "";
  return text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The run dashboard: linked sliders, bars, scatter grid and table over one shared selection. */
export function RunDashboardPage() {
  return (
    <WithRouteId name="runId" what="run">
      {(runId) => <RunDashboard runId={runId} />}
    </WithRouteId>
  );
}

function RunDashboard({ runId }: { runId: number }) {
  const run = useRun(runId);
  const live = isRunActive(run.data);
  const [stat, setStat] = useState<MetricStat>("last");
  const { columns, error } = useRunColumns(runId, live, stat);
  const data = useMemo(() => (columns ? buildDataset(columns, stat) : null), [columns, stat]);
  const [store] = useState(() => new SelectionStore());
  // Asked now, with the columns, rather than once the dashboard first draws.
  useLocks(runId);
  useSavedSelections(runId);

  useLayoutEffect(() => {
    if (data) store.setData(data);
  }, [data, store]);

  if (run.error) return <ErrorNote error={run.error} />;
  if (error) return <ErrorNote error={error} />;
  if (!run.data || !data) return <p className="loading">Loading run {runId}…</p>;

  return (
    <SelectionContext.Provider value={store}>
      <Dashboard run={run.data} data={data} stat={stat} onStat={setStat} store={store} />
    </SelectionContext.Provider>
  );
}

interface DashboardProps {
  run: RunRead;
  data: Dataset;
  stat: MetricStat;
  onStat: (stat: MetricStat) => void;
  store: SelectionStore;
}

function Dashboard({ run, data, stat, onStat, store }: DashboardProps) {
  const navigate = useNavigate();
  // Null both without an experiment in the address and with one that is not a number.
  const experimentId = useRouteId("experimentId");
  const badExperiment = useParams().experimentId !== undefined && experimentId === null;
  const locks = useLocks(run.id);
  const { lock, unlock } = useLockMutations(run.id);
  const selections = useSavedSelections(run.id);
  const canEdit = useCanEdit(run.project_id);
  const [toggled, setToggled] = useState<Map<string, boolean>>(new Map());
  const tracked = useMemo(() => trackedMetrics(run.id), [run.id]);
  const shownKeys = useMemo(() => {
    const byDefault = (name: string) => tracked.length === 0 || tracked.includes(name);
    const shown = data.metrics.filter((m) => toggled.get(m.key) ?? byDefault(m.name));
    return new Set(shown.map((m) => m.key));
  }, [data, toggled, tracked]);
  const shownMetrics = data.metrics.filter((metric) => shownKeys.has(metric.key));

  const toggle = (key: string) =>
    setToggled((current) => new Map(current).set(key, !shownKeys.has(key)));

  const newRun = () => {
    const objective = run.objective_metric
      ? data.dims.get(metricKey(run.objective_metric))
      : undefined;
    const mode = run.objective_mode === "min" ? "min" : "max";
    const best = bestExperiment(data, store.getMask(), objective, mode);
    const experiment = best === null ? "" : `&experiment=${data.ids[best]}`;
    navigate(`/projects/${run.project_id}/launch?from=${run.id}${experiment}`);
  };

  const stop = () =>
    void unwrap(api.POST("/api/runs/{run_id}/stop", { params: { path: { run_id: run.id } } }));

  return (
    <div className="dashboard" data-testid="dashboard">
      <header className="page-head">
        <div>
          <Link to={`/projects/${run.project_id}`}>← runs</Link>
          <h2>
            {run.name} <RunStatus run={run} />
          </h2>
          <p className="muted">
            {run.strategy} ·{" "}
            {run.objective_metric
              ? `objective: ${run.objective_mode} ${run.objective_metric}`
              : "no objective"}
            {run.command && (
              <>
                {" "}
                · <code>{run.command}</code>
              </>
            )}
          </p>
        </div>
        <div className="head-tools">
          <label>
            metric value{" "}
            <select
              value={stat}
              onChange={(event) => onStat(event.target.value as MetricStat)}
              aria-label="Metric value"
            >
              <option value="last">last</option>
              <option value="min">min</option>
              <option value="max">max</option>
            </select>
          </label>
          {canEdit && isRunActive(run) && (
            <button type="button" onClick={stop}>
              Stop run
            </button>
          )}
        </div>
      </header>
      <SelectionBar
        data={data}
        saved={selections.list.data ?? []}
        onSave={
          canEdit
            ? (name, state, ids) =>
                selections.save.mutateAsync({ name, state: { ...state }, experiment_ids: ids })
            : undefined
        }
        onDelete={canEdit ? (id) => selections.remove.mutate(id) : undefined}
        onNewRun={canEdit ? newRun : undefined}
      />
      {(lock.error || unlock.error) && <ErrorNote error={lock.error ?? unlock.error} />}
      <div className="dashboard-body">
        <RangePanel
          data={data}
          metrics={data.metrics}
          locks={locks.data ?? []}
          onLock={canEdit ? (name, body) => lock.mutate({ name, body }) : undefined}
          onUnlock={canEdit ? (name) => unlock.mutate(name) : undefined}
        />
        <main className="views">
          {badExperiment ? (
            <NotFound title="No such experiment" />
          ) : experimentId === null ? (
            <>
              <MetricBars data={data} metrics={data.metrics} shown={shownKeys} onToggle={toggle} />
              <ScatterGrid data={data} metrics={shownMetrics} />
            </>
          ) : (
            <OpenExperiment
              run={run}
              experimentId={experimentId}
              onClose={() => navigate(`/runs/${run.id}`)}
            />
          )}
          <ExperimentsTable
            data={data}
            openId={experimentId}
            onOpen={(id) => navigate(`/runs/${run.id}/experiments/${id}`)}
          />
        </main>
      </div>
    </div>
  );
}
