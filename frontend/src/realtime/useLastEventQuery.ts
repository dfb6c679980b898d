import { useApiQuery } from '../shared/useApiQuery';
import { fetchLastEvent, type LastEvent } from './api';

/** How often a site still waiting for its first event is asked again: its first visit shows within seconds. */
export const WAITING_REFRESH_MS = 5_000;
/** How often a site that has sent events is asked again: "a minute ago" stays about right. */
const RECEIVING_REFRESH_MS = 60_000;

const refreshAfter = (latest: LastEvent | undefined) =>
  latest?.lastEventAt === null ? WAITING_REFRESH_MS : RECEIVING_REFRESH_MS;

/** When the site's newest event arrived (null before its first), read again while the tab is visible. */
export const useLastEventQuery = (siteId: number, enabled = true) =>
  useApiQuery(['last-event', siteId], (token, signal) => fetchLastEvent(siteId, token, signal), {
    refreshEveryMs: refreshAfter,
    enabled,
  });
