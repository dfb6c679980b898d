import type { Schemas } from '../api/schemas.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/ingest-health`: the edge's and the shipper's counters, as read now. */
export type IngestHealth = Schemas['IngestHealthDto'];

export const fetchIngestHealth = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/ingest-health', {
      ...authorized(token, signal),
      params: { path: { siteId } },
    }),
    signal,
  );
