import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, unwrap, type LockWrite, type RunCreate, type RunRead } from "../api/client";

const ACTIVE_RUN = new Set(["pending", "running"]);
export const LIVE_INTERVAL_MS = 1500;

export function isRunActive(run: Pick<RunRead, "status"> | undefined): boolean {
  return run !== undefined && ACTIVE_RUN.has(run.status);
}

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: () => unwrap(api.GET("/api/auth/me")),
    retry: false,
  });
}

export function useProjects() {
  return useQuery({ queryKey: ["projects"], queryFn: () => unwrap(api.GET("/api/projects")) });
}

export function useProject(projectId: number) {
  return useQuery({
    queryKey: ["project", projectId],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}", { params: { path: { project_id: projectId } } }),
      ),
  });
}

/** A project's runs, polled while any of them is still running. */
export function useRuns(projectId: number) {
  return useQuery({
    queryKey: ["runs", projectId],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}/runs", { params: { path: { project_id: projectId } } }),
      ),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((run) => isRunActive(run)) ? LIVE_INTERVAL_MS : false,
  });
}

export function useRun(runId: number) {
  return useQuery({
    queryKey: ["run", runId],
    queryFn: () => unwrap(api.GET("/api/runs/{run_id}", { params: { path: { run_id: runId } } })),
    refetchInterval: (query) => (isRunActive(query.state.data) ? LIVE_INTERVAL_MS : false),
  });
}

/** A run's locked ranges; nothing is asked without a run (`null`). */
export function useLocks(runId: number | null) {
  return useQuery({
    queryKey: ["locks", runId],
    queryFn: () =>
      unwrap(api.GET("/api/runs/{run_id}/locks", { params: { path: { run_id: runId ?? 0 } } })),
    enabled: runId !== null,
  });
}

export function useLockMutations(runId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["locks", runId] });
  const lock = useMutation({
    mutationFn: ({ name, body }: { name: string; body: LockWrite }) =>
      unwrap(
        api.PUT("/api/runs/{run_id}/locks/{name}", {
          params: { path: { run_id: runId, name } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
  const unlock = useMutation({
    mutationFn: (name: string) =>
      unwrap(
        api.DELETE("/api/runs/{run_id}/locks/{name}", {
          params: { path: { run_id: runId, name } },
        }),
      ),
    onSuccess: refresh,
  });
  return { lock, unlock };
}

export function useSavedSelections(runId: number) {
  const client = useQueryClient();
  const key = ["selections", runId];
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET("/api/runs/{run_id}/selections", { params: { path: { run_id: runId } } })),
  });
  const save = useMutation({
    mutationFn: (body: {
      name: string;
      state: Record<string, unknown>;
      experiment_ids: number[];
    }) =>
      unwrap(
        api.POST("/api/runs/{run_id}/selections", { params: { path: { run_id: runId } }, body }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (selectionId: number) =>
      unwrap(
        api.DELETE("/api/runs/{run_id}/selections/{selection_id}", {
          params: { path: { run_id: runId, selection_id: selectionId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  return { list, save, remove };
}

/** The launch preview, asked again (debounced) whenever the request changes. */
export function usePreview(projectId: number, request: RunCreate | null, delayMs = 400) {
  const text = JSON.stringify(request);
  const [debouncedText, setDebouncedText] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebouncedText(text), delayMs);
    return () => window.clearTimeout(timer);
  }, [text, delayMs]);
  const debounced = JSON.parse(debouncedText) as RunCreate | null;

  return useQuery({
    queryKey: ["preview", projectId, debouncedText],
    queryFn: () =>
      unwrap(
        api.POST("/api/projects/{project_id}/runs/preview", {
          params: { path: { project_id: projectId } },
          body: debounced as RunCreate,
        }),
      ),
    enabled: debounced !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useLaunch(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunCreate) =>
      unwrap(
        api.POST("/api/projects/{project_id}/runs", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs", projectId] }),
  });
}
