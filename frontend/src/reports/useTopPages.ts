import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import type { ReportRequest } from './report-request';

/** As many top pages as the overview's Pages card lists, so the page pickers and that card share one answer. */
const TOP_PAGES = 10;

/** The site's most visited pages in the report's range and filters, most visited first. */
export function useTopPages(request: ReportRequest) {
  const query = useBreakdownQuery({ ...request, dimension: 'page', limit: TOP_PAGES });
  return {
    pages: (query.data?.rows ?? []).map((row) => row.value).filter((value) => value !== ''),
    /** Nothing known yet: the first answer is on its way (or failed, and the picker still takes a typed page). */
    pending: query.data === undefined && query.error === undefined,
  };
}

/**
 * The page a page-centred report (paths, heatmap) is about: the one chosen, else the site's most visited page
 * in the range, so the report shows data at once; undefined while that is being found, or when nothing was
 * viewed.
 */
export function useReportPage(request: ReportRequest, chosen: string | undefined) {
  const top = useTopPages(request);
  return { page: chosen ?? top.pages[0], pending: chosen === undefined && top.pending };
}
