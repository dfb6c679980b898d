import { useApiQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchSites, type Site } from './api';

export function useSitesQuery(): QueryResult<Site[]> {
  return useApiQuery(['sites'], fetchSites);
}
