import { liveRefresh, reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchConversions, fetchGoals } from './api';

/**
 * Every goal of the site with its conversions in the view, from one request (the API reads the visits once
 * for all the goals). `enabled` false: not asked, out of view (useApiQuery).
 */
export function useGoalsQuery(request: ReportRequest, enabled = true) {
  return useApiQuery(
    ['goals', ...reportKey(request)],
    async (token, signal) => (await fetchConversions(request, token, signal)).goals,
    { enabled, ...liveRefresh(request) },
  );
}

/** The site's goals as defined, without their numbers: what an alert rule or a suggested funnel names. */
export const useSiteGoalsQuery = (siteId: number) =>
  useApiQuery(['site-goals', siteId], (token, signal) => fetchGoals(siteId, token, signal));
