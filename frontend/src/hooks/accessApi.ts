import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../api/client";
import type { Role } from "./useProjectRole";

export type MemberRead = Schemas["MemberRead"];
export type AuditEventRead = Schemas["AuditEventRead"];
export type TokenRead = Schemas["TokenRead"];
export type TokenCreate = Schemas["TokenCreate"];
export type TokenCreated = Schemas["TokenCreated"];
export type UserAdminRead = Schemas["UserAdminRead"];
export type UserCreate = Schemas["UserCreate"];

/** A project's members with their roles. */
export function useMembers(projectId: number) {
  return useQuery({
    queryKey: ["members", projectId],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}/members", {
          params: { path: { project_id: projectId } },
        }),
      ),
  });
}

/** Sharing changes (owners only); each refreshes the members, the history and the role. */
export function useMemberMutations(projectId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all(
      [
        ["members", projectId],
        ["audit", projectId],
        ["project", projectId],
      ].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
  const add = useMutation({
    mutationFn: (body: { username: string; role: Role }) =>
      unwrap(
        api.POST("/api/projects/{project_id}/members", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
  const change = useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) =>
      unwrap(
        api.PATCH("/api/projects/{project_id}/members/{user_id}", {
          params: { path: { project_id: projectId, user_id: userId } },
          body: { role },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: number) =>
      unwrap(
        api.DELETE("/api/projects/{project_id}/members/{user_id}", {
          params: { path: { project_id: projectId, user_id: userId } },
        }),
      ),
    onSuccess: refresh,
  });
  return { add, change, remove };
}

/** What happened in a project, newest first. */
export function useAudit(projectId: number) {
  return useQuery({
    queryKey: ["audit", projectId],
    queryFn: () =>
      unwrap(
        api.GET("/api/projects/{project_id}/audit", {
          params: { path: { project_id: projectId } },
        }),
      ),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      unwrap(api.POST("/api/auth/password", { body })),
  });
}

/** The caller's personal tokens, and creating and revoking them. */
export function useTokens() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["tokens"] });
  const list = useQuery({ queryKey: ["tokens"], queryFn: () => unwrap(api.GET("/api/tokens")) });
  const create = useMutation({
    mutationFn: (body: TokenCreate) => unwrap(api.POST("/api/tokens", { body })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (tokenId: number) =>
      unwrap(api.DELETE("/api/tokens/{token_id}", { params: { path: { token_id: tokenId } } })),
    onSuccess: refresh,
  });
  return { list, create, revoke };
}

/** Every account (administrators only), and creating, disabling and enabling them. */
export function useUsers() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["users"] });
  const list = useQuery({
    queryKey: ["users"],
    queryFn: () => unwrap(api.GET("/api/admin/users")),
  });
  const create = useMutation({
    mutationFn: (body: UserCreate) => unwrap(api.POST("/api/admin/users", { body })),
    onSuccess: refresh,
  });
  const setActive = useMutation({
    mutationFn: ({ userId, active }: { userId: number; active: boolean }) =>
      unwrap(
        api.PATCH("/api/admin/users/{user_id}", {
          params: { path: { user_id: userId } },
          body: { is_active: active },
        }),
      ),
    onSuccess: refresh,
  });
  return { list, create, setActive };
}
