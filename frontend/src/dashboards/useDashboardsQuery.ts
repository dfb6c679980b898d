import { useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchDashboards, fetchSharedLinks } from './api';

export const useDashboardsQuery = (siteId: number) =>
  useApiQuery(['dashboards', siteId], (token, signal) => fetchDashboards(siteId, token, signal));

export const useSharedLinksQuery = (siteId: number) =>
  useApiQuery(['shared-links', siteId], (token, signal) => fetchSharedLinks(siteId, token, signal));

/** After a change: the site's dashboards and shared links are asked for again, wherever they are shown. */
export function useDashboardsRefresh(): () => Promise<void> {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      // useApiQuery's keys start with whose answer it is, then the feature's own key.
      predicate: (query) => query.queryKey[1] === 'dashboards' || query.queryKey[1] === 'shared-links',
    });
}
