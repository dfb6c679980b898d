import { apiGet } from '../shared/api-client';

/** `GET /api/audit` (owners only): one admin action. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Null for the system's own actions (the first owner, retention). */
  actorId: number | null;
  actorEmail: string;
  /** `site.create`, `user.update`, … */
  action: string;
  /** `site:3`, `user:2`. */
  target: string;
  details: Record<string, unknown>;
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `before` (an entry id) pages back. */
export function fetchAuditEntries(
  token: string,
  signal: AbortSignal,
  before?: number,
): Promise<AuditEntry[]> {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (before !== undefined) query.set('before', String(before));
  return apiGet<AuditEntry[]>(`/audit?${query}`, token, signal);
}
