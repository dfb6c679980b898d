import type { Schemas } from '../api/schemas';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client';

export type Role = Schemas['Role'];

/** Owners see every site; admins change the sites granted to them; viewers read theirs. */
export const ROLES: { role: Role; description: string }[] = [
  { role: 'viewer', description: 'Viewer: reads the reports of its sites' },
  { role: 'admin', description: 'Admin: adds sites and changes its sites' },
  { role: 'owner', description: 'Owner: everything, users included' },
];

/** `GET /api/users` (owners only). */
export type Account = Schemas['UserResponseDto'];

/** What a new account or a password reset answers: the one-time password, shown this once. */
export type AccountWithPassword = Schemas['UserWithPasswordDto'];

export interface AccountAccess {
  role: Role;
  /** The sites an admin or viewer may see; ignored for owners. */
  siteIds: number[];
}

export const fetchAccounts = (token: string, signal: AbortSignal): Promise<Account[]> =>
  dataOf(api.GET('/api/users', authorized(token, signal)), signal);

export const createAccount = (token: string, email: string, access: AccountAccess) =>
  apiRequest<AccountWithPassword>('POST', '/users', { token, body: { email, ...access } });

export const updateAccount = (token: string, id: number, access: AccountAccess) =>
  apiRequest<Account>('PATCH', `/users/${id}`, { token, body: access });

export const resetPassword = (token: string, id: number) =>
  apiRequest<AccountWithPassword>('POST', `/users/${id}/password-reset`, { token });

export const deleteAccount = (token: string, id: number) =>
  apiRequest<void>('DELETE', `/users/${id}`, { token });
