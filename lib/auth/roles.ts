// Browser-safe: no server imports. Roles form a ladder: admin ⊃ editor ⊃ viewer.
export type TRole = "admin" | "editor" | "viewer";

const rank: Record<TRole, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(role: TRole, needed: TRole): boolean {
  return rank[role] >= rank[needed];
}

export const canEdit = (role: TRole) => hasRole(role, "editor");
export const canAdmin = (role: TRole) => hasRole(role, "admin");
