import type { User } from '../auth/api';
import { apiGet, apiRequest } from '../shared/api-client';

export type Role = User['role'];

/** Owners see every site; admins change the sites granted to them; viewers read theirs. */
export const ROLES: { role: Role; description: string }[] = [
  { role: 'viewer', description: 'Viewer: reads the reports of its sites' },
  { role: 'admin', description: 'Admin: adds sites and changes its sites' },
  { role: 'owner', description: 'Owner: everything, users included' },
];

/** `GET /api/users` (owners only). */
export interface Account extends User {
  createdAt: string;
}

/** What a new account or a password reset answers: the one-time password, shown this once. */
export interface AccountWithPassword {
  user: Account;
  oneTimePassword: string;
}

export interface AccountAccess {
  role: Role;
  /** The sites an admin or viewer may see; ignored for owners. */
  siteIds: number[];
}

export const fetchAccounts = (token: string, signal: AbortSignal) =>
  apiGet<Account[]>('/users', token, signal);

export const createAccount = (token: string, email: string, access: AccountAccess) =>
  apiRequest<AccountWithPassword>('POST', '/users', { token, body: { email, ...access } });

export const updateAccount = (token: string, id: number, access: AccountAccess) =>
  apiRequest<Account>('PATCH', `/users/${id}`, { token, body: access });

export const resetPassword = (token: string, id: number) =>
  apiRequest<AccountWithPassword>('POST', `/users/${id}/password-reset`, { token });

export const deleteAccount = (token: string, id: number) =>
  apiRequest<void>('DELETE', `/users/${id}`, { token });
