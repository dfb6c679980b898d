import type { DateRange } from '../date-range/date-range.js';
import { useApiQuery } from '../shared/useApiQuery.js';
import { fetchAnnotations } from './api.js';

/** The site's annotations on the days of `range`: the same whatever the filters, so a filter change asks nothing. */
export const useAnnotationsQuery = (siteId: number, range: DateRange) =>
  useApiQuery(['annotations', siteId, range.from, range.to], (token, signal) =>
    fetchAnnotations(siteId, range, token, signal),
  );
