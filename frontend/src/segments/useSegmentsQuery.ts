import { useApiQuery } from '../shared/useApiQuery';
import { fetchSegments } from './api';

/** `enabled` false: not asked yet (the picker is closed and no link names a segment). */
export const useSegmentsQuery = (siteId: number, enabled = true) =>
  useApiQuery(['segments', siteId], (token, signal) => fetchSegments(siteId, token, signal), { enabled });
