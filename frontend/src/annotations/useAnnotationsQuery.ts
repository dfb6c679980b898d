import type { DateRange } from '../date-range/date-range.js';
import { useApiQuery } from '../shared/useApiQuery.js';
import { useOnceIdle } from '../shared/useOnceIdle.js';
import { fetchAnnotations } from './api.js';

/**
 * The site's annotations on the days of `range`, first asked once the page's numbers are in (the chart is drawn
 * again with their flags): the same whatever the filters, so a filter change asks nothing.
 */
export const useAnnotationsQuery = (siteId: number, range: DateRange) =>
  useApiQuery(
    ['annotations', siteId, range.from, range.to],
    (token, signal) => fetchAnnotations(siteId, range, token, signal),
    { enabled: useOnceIdle() },
  );
