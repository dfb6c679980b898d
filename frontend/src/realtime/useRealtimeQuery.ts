import { useApiQuery } from '../shared/useApiQuery';
import { fetchRealtime } from './api';

/** How often the last 5 minutes are read again while the tab is visible. */
const REFRESH_MS = 5000;

/** `enabled` false: not asked yet (useApiQuery). */
export function useRealtimeQuery(siteId: number, enabled = true) {
  return useApiQuery(['realtime', siteId], (token, signal) => fetchRealtime(siteId, token, signal), {
    refreshEveryMs: REFRESH_MS,
    enabled,
  });
}
