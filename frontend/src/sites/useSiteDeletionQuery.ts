import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api-client';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchSiteStatus, type SiteStatus } from './api';

const POLL_MS = 2000;

/**
 * The status of a site being deleted, asked again every two seconds until it is deleted. Once erased, the
 * site is no longer granted to anyone but owners: for the others, not found means deleted too.
 */
export function useSiteDeletionQuery(deletion: SiteStatus): SiteStatus {
  const [round, setRound] = useState(0);
  const query = useApiQuery(['site-status', deletion.id, round], (token, signal) =>
    fetchSiteStatus(token, deletion.id, signal),
  );
  const gone = query.error instanceof ApiError && query.error.status === 404;
  const current: SiteStatus = gone
    ? { ...deletion, status: 'deleted', stage: null }
    : (query.data ?? deletion);
  const finished = current.status === 'deleted';
  useEffect(() => {
    if (finished) return;
    const timer = setTimeout(() => setRound((count) => count + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [finished, round]);
  return current;
}
