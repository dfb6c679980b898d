import { Link } from 'wouter';
import type { ReportView } from '../routing/report-view';
import { REPORT_KEYS, REPORT_TITLES, reportPath } from './report-catalogue';

/** The tabs of a site's report pages; switching keeps the period, comparison and filters. */
export function ReportNav({ siteId, current, view }: { siteId: number; current: string; view: ReportView }) {
  return (
    <nav className="report-nav" aria-label="Reports">
      {REPORT_KEYS.map((key) => (
        <Link
          key={key}
          href={reportPath(siteId, key, view)}
          className="report-tab"
          aria-current={key === current ? 'page' : undefined}
        >
          {REPORT_TITLES[key]}
        </Link>
      ))}
    </nav>
  );
}
