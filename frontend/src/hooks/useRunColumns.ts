import { useCallback, useEffect, useRef, useState } from "react";
import { api, unwrap, type ExperimentColumns } from "../api/client";
import { mergeColumns, type MetricStat } from "../lib/dataset";
import { LIVE_INTERVAL_MS } from "./api";

function fetchColumns(runId: number, stat: MetricStat, since?: string): Promise<ExperimentColumns> {
  const query = since ? { since, stats: [stat] } : { stats: [stat] };
  return unwrap(
    api.GET("/api/runs/{run_id}/columns", { params: { path: { run_id: runId }, query } }),
  );
}

/**
 * The run's experiments as columns: one full load, then only what changed, while the run
 * is live (merged by id, so the views update without a reload).
 */
export function useRunColumns(runId: number, live: boolean, stat: MetricStat = "last") {
  // Kept with the run they belong to, so another run's columns never show.
  const [loaded, setLoaded] = useState<{
    runId: number;
    stat: MetricStat;
    columns: ExperimentColumns;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<ExperimentColumns | undefined>(undefined);
  const setColumns = useCallback(
    (columns: ExperimentColumns) => setLoaded({ runId, stat, columns }),
    [runId, stat],
  );

  useEffect(() => {
    let cancelled = false;
    latest.current = undefined;
    fetchColumns(runId, stat).then(
      (full) => {
        if (cancelled) return;
        latest.current = full;
        setColumns(full);
      },
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [runId, stat, setColumns]);

  const wasLive = useRef(false);
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      const previous = latest.current;
      if (!previous) return;
      try {
        const delta = await fetchColumns(runId, stat, previous.cursor);
        if (cancelled || latest.current !== previous) return;
        latest.current = mergeColumns(previous, delta);
        setColumns(latest.current);
      } catch (failure) {
        if (!cancelled) setError(failure);
      }
    };

    if (!live) {
      if (wasLive.current) void poll(); // one last look picks up the final metrics
      wasLive.current = false;
      return () => {
        cancelled = true;
      };
    }
    wasLive.current = true;
    const timer = window.setInterval(() => void poll(), LIVE_INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [runId, stat, live, setColumns]);

  const columns = loaded?.runId === runId && loaded.stat === stat ? loaded.columns : undefined;
  return { columns, error };
}
