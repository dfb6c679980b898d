import type { Schemas } from '../api/schemas';
import { api, authorized, dataOf } from '../shared/api-client';

/** `GET /api/audit` (owners only): one admin action. */
export type AuditEntry = Schemas['AuditRecordDto'];

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `before` (an entry id) pages back. */
export function fetchAuditEntries(
  token: string,
  signal: AbortSignal,
  before?: number,
): Promise<AuditEntry[]> {
  const query = { limit: AUDIT_PAGE_SIZE, before };
  return dataOf(api.GET('/api/audit', { ...authorized(token, signal), params: { query } }), signal);
}
