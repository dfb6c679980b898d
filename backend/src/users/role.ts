/** What a user may do: a viewer reads the sites granted to them, an admin also changes them, an owner does everything. */
export enum Role {
  Viewer = 'viewer',
  Admin = 'admin',
  Owner = 'owner',
}

export const ROLES = Object.values(Role);

const RANK: Record<Role, number> = { [Role.Viewer]: 0, [Role.Admin]: 1, [Role.Owner]: 2 };

/** Whether `role` includes everything `required` may do. */
export const hasRole = (role: Role, required: Role) => RANK[role] >= RANK[required];
