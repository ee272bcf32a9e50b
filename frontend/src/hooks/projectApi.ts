import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, csrfToken, unwrap, type Schemas } from "../api/client";

export type CurationUpdate = Schemas["CurationUpdate"];
export type BulkCuration = Schemas["BulkCuration"];
export type JournalRead = Schemas["JournalRead"];
export type ImportPreview = Schemas["ImportPreview"];
export type ImportResult = Schemas["ImportResult"];
export type ImportColumn = Schemas["ImportColumn"];
export type ColumnRole = ImportColumn["role"];

/** The import's choices, sent as the JSON text of the `settings` form field. */
export interface ImportSettings {
  run_name?: string;
  roles: Record<string, ColumnRole>;
}
export type ReportRequest = Schemas["ReportRequest"];
export type ReportData = Schemas["ReportData"];

const tableKey = (projectId: number) => ["project-table", projectId];

/** How many experiments of the newest runs the first answer holds: enough to fill the first
 * screen of the table and the latest runs of the chart, quick to build at any project size. */
export const FIRST_ROWS = 2000;

function fetchTable(projectId: number, includeArchived: boolean, latest?: number) {
  return unwrap(
    api.GET("/api/projects/{project_id}/experiments/table", {
      params: {
        path: { project_id: projectId },
        query: { include_archived: includeArchived, ...(latest ? { latest } : {}) },
      },
    }),
  );
}

/** Every experiment of every run of the project, as parallel arrays.
 *
 * The newest runs' experiments come first, in a small answer drawn at once; the whole table
 * (seconds at 100,000 experiments) is asked for right after and replaces it. `partial` says
 * which one `data` is. */
export function useExperimentTable(projectId: number, includeArchived: boolean) {
  const key = [...tableKey(projectId), includeArchived];
  const first = useQuery({
    queryKey: [...key, "first"],
    queryFn: () => fetchTable(projectId, includeArchived, FIRST_ROWS),
  });
  const whole = useQuery({
    queryKey: [...key, "whole"],
    queryFn: () => fetchTable(projectId, includeArchived),
    // After the first answer, so the two do not share the server; not at all if it was whole.
    enabled: first.isFetched && (first.data?.partial ?? true),
  });
  const data = first.data?.partial === false ? first.data : (whole.data ?? first.data);
  return {
    data,
    error: whole.error ?? first.error,
    partial: data?.partial ?? false,
    loadingRest: whole.isFetching,
  };
}

export function useCuration(experimentId: number | null) {
  return useQuery({
    queryKey: ["curation", experimentId],
    enabled: experimentId !== null,
    queryFn: () =>
      unwrap(
        api.GET("/api/experiments/{experiment_id}/curation", {
          params: { path: { experiment_id: experimentId ?? 0 } },
        }),
      ),
  });
}

/** Curation of one experiment or of many; either refreshes the project table. */
export function useCurationMutations(projectId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: tableKey(projectId) });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: number; body: CurationUpdate }) =>
      unwrap(
        api.PATCH("/api/experiments/{experiment_id}/curation", {
          params: { path: { experiment_id: id } },
          body,
        }),
      ),
    onSuccess: (answer) => {
      client.setQueryData(["curation", answer.experiment_id], answer);
      return refresh();
    },
  });
  const bulk = useMutation({
    mutationFn: (body: BulkCuration) =>
      unwrap(
        api.POST("/api/projects/{project_id}/curation/bulk", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["curation"] });
      return refresh();
    },
  });
  return { update, bulk };
}

export function useRunNote(runId: number) {
  const client = useQueryClient();
  const key = ["run-note", runId];
  const note = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET("/api/runs/{run_id}/note", { params: { path: { run_id: runId } } })),
  });
  const write = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.PUT("/api/runs/{run_id}/note", {
          params: { path: { run_id: runId } },
          body: { note: text },
        }),
      ),
    onSuccess: (answer) => client.setQueryData(key, answer),
  });
  return { note, write };
}

/** The dated project journal: list, add, edit, delete. */
export function useJournal(projectId: number) {
  const client = useQueryClient();
  const key = ["journal", projectId];
  const path = { project_id: projectId };
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const list = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}/journal", { params: { path } })),
  });
  const add = useMutation({
    mutationFn: (body: { body: string; day?: string }) =>
      unwrap(api.POST("/api/projects/{project_id}/journal", { params: { path }, body })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ id, body, day }: { id: number; body: string; day: string }) =>
      unwrap(
        api.PATCH("/api/projects/{project_id}/journal/{entry_id}", {
          params: { path: { ...path, entry_id: id } },
          body: { body, day },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      unwrap(
        api.DELETE("/api/projects/{project_id}/journal/{entry_id}", {
          params: { path: { ...path, entry_id: id } },
        }),
      ),
    onSuccess: refresh,
  });
  return { list, add, edit, remove };
}

/** The production choice, its history, and marking a new one. */
export function useProduction(projectId: number) {
  const client = useQueryClient();
  const path = { project_id: projectId };
  const current = useQuery({
    queryKey: ["production", projectId],
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}/production", { params: { path } })),
  });
  const history = useQuery({
    queryKey: ["production-history", projectId],
    queryFn: () =>
      unwrap(api.GET("/api/projects/{project_id}/production/history", { params: { path } })),
  });
  const mark = useMutation({
    mutationFn: (body: { experiment_id: number | null; note: string }) =>
      unwrap(api.POST("/api/projects/{project_id}/production", { params: { path }, body })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["production", projectId] });
      await client.invalidateQueries({ queryKey: ["production-history", projectId] });
      return client.invalidateQueries({ queryKey: tableKey(projectId) });
    },
  });
  return { current, history, mark };
}

/** The experiment's first artifact of `kind`, with its payload (null when it has none). */
export function useArtifactOfKind(experimentId: number, kind: string) {
  return useQuery({
    queryKey: ["artifact-of-kind", experimentId, kind],
    queryFn: async () => {
      const list = await unwrap(
        api.GET("/api/experiments/{experiment_id}/artifacts", {
          params: { path: { experiment_id: experimentId } },
        }),
      );
      const found = list.find((artifact) => artifact.kind === kind);
      if (!found) return null;
      return unwrap(
        api.GET("/api/artifacts/{artifact_id}", { params: { path: { artifact_id: found.id } } }),
      );
    },
  });
}

export interface ReportQuery {
  experimentIds: number[] | null;
  journalIds: number[] | null;
  objective: { metric: string; mode: "min" | "max" } | null;
}

const joined = (ids: number[] | null) => (ids === null ? undefined : ids.join(","));

export function useReportData(projectId: number, query: ReportQuery) {
  return useQuery({
    queryKey: ["report-data", projectId, query],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}/report/data", {
          params: {
            path: { project_id: projectId },
            query: {
              experiment_ids: joined(query.experimentIds),
              journal_entry_ids: joined(query.journalIds),
              objective_metric: query.objective?.metric,
              objective_mode: query.objective?.mode,
            },
          },
        }),
      ),
  });
}

/** An error answer as an ApiError (the server's message names file, line and column). */
async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; field?: string | null };
  };
  const detail = body.error ?? {};
  return new ApiError(
    response.status,
    detail.code ?? "http_error",
    detail.message ?? `${response.status} ${response.statusText}`,
    detail.field ?? null,
  );
}

/** A POST the typed client cannot describe (multipart) or whose answer is a file. */
export async function postRaw(url: string, body: BodyInit, json = false): Promise<Response> {
  const headers = new Headers();
  const token = csrfToken();
  if (token) headers.set("X-CSRF-Token", token);
  if (json) headers.set("Content-Type", "application/json");
  const response = await fetch(url, { method: "POST", body, headers, credentials: "same-origin" });
  if (!response.ok) throw await failure(response);
  return response;
}

function importForm(files: File[], settings: ImportSettings): FormData {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.webkitRelativePath || file.name);
  form.append("format", "auto");
  form.append("settings", JSON.stringify(settings));
  return form;
}

export function useImport(projectId: number) {
  const client = useQueryClient();
  const base = `/api/projects/${projectId}/imports`;
  const preview = useMutation({
    mutationFn: async ({ files, settings }: { files: File[]; settings: ImportSettings }) =>
      (await (
        await postRaw(`${base}/preview`, importForm(files, settings))
      ).json()) as ImportPreview,
  });
  const create = useMutation({
    mutationFn: async ({ files, settings }: { files: File[]; settings: ImportSettings }) =>
      (await (await postRaw(base, importForm(files, settings))).json()) as ImportResult,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["runs", projectId] });
      return client.invalidateQueries({ queryKey: tableKey(projectId) });
    },
  });
  return { preview, create };
}

/** Hand a file to the browser's downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST the report request and save the self-contained HTML file it answers. */
export function useReportDownload(projectId: number) {
  return useMutation({
    mutationFn: async (request: ReportRequest) => {
      const url = `/api/projects/${projectId}/report`;
      const response = await postRaw(url, JSON.stringify(request), true);
      saveBlob(await response.blob(), `project-${projectId}-report.html`);
    },
  });
}

/** The URL of a CSV or JSON export of the project, or of the chosen experiments. */
export function exportUrl(projectId: number, format: "csv" | "json", ids: number[] | null) {
  const query = ids === null ? "" : `?experiment_ids=${ids.join(",")}`;
  return `/api/projects/${projectId}/export.${format}${query}`;
}

/** One metric's history for each experiment, for overlaid curves. */
export function useCurves(experimentIds: number[], name: string, maxPoints = 400) {
  return useQueries({
    queries: experimentIds.map((id) => ({
      queryKey: ["metric-history", id, name, maxPoints],
      queryFn: () =>
        unwrap(
          api.GET("/api/experiments/{experiment_id}/metrics/{name}", {
            params: { path: { experiment_id: id, name }, query: { max_points: maxPoints } },
          }),
        ),
    })),
  });
}
