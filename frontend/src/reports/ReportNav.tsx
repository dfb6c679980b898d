import { Link } from 'wouter';
import { reportViewSearch, type ReportView } from '../routing/report-view';
import { REPORT_PAGES } from './report-pages';

/** The link to a site's report page with `view` (its range, comparison and filters; no page options). */
export function reportPath(siteId: number, key: string, view: ReportView | string): string {
  const search = typeof view === 'string' ? view : reportViewSearch(view);
  return `/sites/${siteId}/${key}${search ? `?${search}` : ''}`;
}

/** The tabs of a site's report pages; switching keeps the period, comparison and filters. */
export function ReportNav({ siteId, current, view }: { siteId: number; current: string; view: ReportView }) {
  return (
    <nav className="report-nav" aria-label="Reports">
      {REPORT_PAGES.map((page) => (
        <Link
          key={page.key}
          href={reportPath(siteId, page.key, view)}
          className="report-tab"
          aria-current={page.key === current ? 'page' : undefined}
        >
          {page.title}
        </Link>
      ))}
    </nav>
  );
}
