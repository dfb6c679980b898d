import { reportKey, type ReportRequest } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchGoalOverview, fetchGoals } from './api';

/**
 * Every goal of the site with its conversions in the view: one overview per goal, asked together.
 * `enabled` false: not asked, out of view (useApiQuery).
 */
export function useGoalsQuery(request: ReportRequest, enabled = true) {
  return useApiQuery(
    ['goals', ...reportKey(request)],
    async (token, signal) => {
      const goals = await fetchGoals(request.siteId, token, signal);
      const overviews = await Promise.all(
        goals.map((goal) => fetchGoalOverview(request, goal.id, token, signal)),
      );
      return goals.map((goal, index) => ({ goal, overview: overviews[index] }));
    },
    { enabled },
  );
}
