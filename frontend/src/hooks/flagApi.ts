import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import type { FlagRules } from "../lib/flagRules";

/** The flags the service raises, with what each means. */
export function useFlagCatalogue() {
  return useQuery({
    queryKey: ["flags"],
    queryFn: () => unwrap(api.GET("/api/flags")),
    staleTime: Infinity,
  });
}

/** A project's flag rules (the defaults until someone sets them). */
export function useFlagRules(projectId: number) {
  return useQuery({
    queryKey: ["flag-rules", projectId],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}/flag-rules", {
          params: { path: { project_id: projectId } },
        }),
      ),
  });
}

/** Replace the rules; the service recomputes every experiment's flags. */
export function useSaveFlagRules(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: FlagRules) =>
      unwrap(
        api.PUT("/api/projects/{project_id}/flag-rules", {
          params: { path: { project_id: projectId } },
          body: rules,
        }),
      ),
    onSuccess: (answer) => client.setQueryData(["flag-rules", projectId], answer),
  });
}
