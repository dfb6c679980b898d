import { useApiQuery } from '../shared/useApiQuery';
import { fetchIngestHealth } from './api';

/** A site's ingest health; "Read again" (retry) asks the counters anew, and `refreshEveryMs` that often. */
export const useIngestHealthQuery = (siteId: number, refreshEveryMs?: number) =>
  useApiQuery(['ingest-health', siteId], (token, signal) => fetchIngestHealth(siteId, token, signal), {
    refreshEveryMs,
  });
