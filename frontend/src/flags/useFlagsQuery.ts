import { useApiQuery } from '../shared/useApiQuery';
import { fetchFlags } from './api';

/** The site's feature flags, by key. */
export const useFlagsQuery = (siteId: number) =>
  useApiQuery(['flags', siteId], (token, signal) => fetchFlags(siteId, token, signal));
