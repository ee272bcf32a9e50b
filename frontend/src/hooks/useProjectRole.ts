import type { Schemas } from "../api/client";
import { useProject } from "./api";

export type Role = Schemas["Role"];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** Whether `role` grants at least `needed`; an unknown role (still loading) grants nothing. */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

/** The caller's role in a project (`ProjectRead.role`), undefined while it loads. */
export function useProjectRole(projectId: number): Role | undefined {
  return useProject(projectId).data?.role;
}

/** Editors and owners may launch, stop, curate and lock; viewers only read. */
export function useCanEdit(projectId: number): boolean {
  return roleAtLeast(useProjectRole(projectId), "editor");
}

/** Only owners share the project (add, remove members, change roles). */
export function useIsOwner(projectId: number): boolean {
  return roleAtLeast(useProjectRole(projectId), "owner");
}
