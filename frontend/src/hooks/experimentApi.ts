import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../api/client";
import { LIVE_INTERVAL_MS } from "./api";

export type ExperimentDetail = Schemas["ExperimentDetail"];
export type ArtifactSummary = Schemas["ArtifactSummary"];
export type MetricHistory = Schemas["MetricHistory"];

/** Points asked per curve: enough for a sharp line, few enough to poll every 1.5 s. */
export const CURVE_POINTS = 2000;

const ACTIVE = new Set(["queued", "running"]);

export function isExperimentActive(experiment: Pick<ExperimentDetail, "status"> | undefined) {
  return experiment !== undefined && ACTIVE.has(experiment.status);
}

/** Poll every 1.5 s while the experiment may still change. */
function whileActive(live: boolean) {
  return live ? LIVE_INTERVAL_MS : false;
}

export function useExperiment(experimentId: number) {
  return useQuery({
    queryKey: ["experiment", experimentId],
    queryFn: () =>
      unwrap(
        api.GET("/api/experiments/{experiment_id}", {
          params: { path: { experiment_id: experimentId } },
        }),
      ),
    refetchInterval: (query) => whileActive(isExperimentActive(query.state.data)),
  });
}

/** Several experiments at once (the overlay), each polled while it runs. */
export function useExperiments(ids: number[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ["experiment", id],
      queryFn: () =>
        unwrap(
          api.GET("/api/experiments/{experiment_id}", {
            params: { path: { experiment_id: id } },
          }),
        ),
      refetchInterval: (query: { state: { data?: ExperimentDetail } }) =>
        whileActive(isExperimentActive(query.state.data)),
    })),
  });
}

export function useExperimentNote(experimentId: number) {
  return useQuery({
    queryKey: ["curation", experimentId],
    queryFn: () =>
      unwrap(
        api.GET("/api/experiments/{experiment_id}/curation", {
          params: { path: { experiment_id: experimentId } },
        }),
      ),
  });
}

export function useArtifacts(experimentId: number, live: boolean) {
  return useQuery({
    queryKey: ["artifacts", experimentId],
    queryFn: () =>
      unwrap(
        api.GET("/api/experiments/{experiment_id}/artifacts", {
          params: { path: { experiment_id: experimentId } },
        }),
      ),
    refetchInterval: whileActive(live),
  });
}

/** One artifact with its payload; artifacts never change once stored. */
export function useArtifact(artifactId: number | null) {
  return useQuery({
    queryKey: ["artifact", artifactId],
    queryFn: () =>
      unwrap(
        api.GET("/api/artifacts/{artifact_id}", {
          params: { path: { artifact_id: artifactId ?? 0 } },
        }),
      ),
    enabled: artifactId !== null,
    staleTime: Infinity,
  });
}

/** A curve to fetch: one metric of one experiment, live or finished. */
export interface CurveKey {
  experimentId: number;
  name: string;
  live: boolean;
  /** A zoomed chart's steps (inclusive): the same point budget, spent on that range only. */
  steps?: [number, number] | null;
}

/** The histories of several curves, downsampled on the server keeping extremes. */
export function useHistories(curves: CurveKey[]) {
  return useQueries({
    queries: curves.map(({ experimentId, name, live, steps }) => ({
      queryKey: ["history", experimentId, name, steps ?? "all"],
      queryFn: () =>
        unwrap(
          api.GET("/api/experiments/{experiment_id}/metrics/{name}", {
            params: {
              path: { experiment_id: experimentId, name },
              query: steps
                ? { max_points: CURVE_POINTS, step_from: steps[0], step_to: steps[1] }
                : { max_points: CURVE_POINTS },
            },
          }),
        ),
      refetchInterval: whileActive(live),
      // A zoom keeps the coarse curve on screen until the detail arrives.
      placeholderData: keepPreviousData,
    })),
  });
}

export function useStopExperiment(experimentId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/experiments/{experiment_id}/stop", {
          params: { path: { experiment_id: experimentId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["experiment", experimentId] }),
  });
}
