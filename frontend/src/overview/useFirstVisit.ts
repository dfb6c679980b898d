import { useEffect, useRef } from 'react';
import { useLastEventQuery } from '../realtime/useLastEventQuery';
import { queryClient } from '../shared/query-client';

/**
 * Whether a site is still waiting for its first event, and when its last came: asked only once its overview is
 * empty (a site with visits asks nothing more). When the first event comes, every answer cached while the
 * site had none is asked again, so the reports show it at once rather than their empty answers.
 */
export function useFirstVisit(siteId: number, empty: boolean) {
  const lastEventAt = useLastEventQuery(siteId, empty).data?.lastEventAt;
  const waiting = empty && lastEventAt === null;
  const waited = useRef(false);
  useEffect(() => {
    if (waiting) waited.current = true;
    else if (waited.current && lastEventAt) {
      waited.current = false;
      void queryClient.invalidateQueries();
    }
  }, [waiting, lastEventAt]);
  return { waiting, lastEventAt: empty ? lastEventAt : undefined };
}
