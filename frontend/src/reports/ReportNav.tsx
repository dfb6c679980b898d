import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { ReportView } from '../routing/report-view';
import { REPORT_KEYS, REPORT_TITLES, reportPath, type ReportKey } from './report-catalogue';

/** The site's tools rather than its reports: a group of their own at the row's end (or the next row's). */
const TOOLS: ReadonlySet<ReportKey> = new Set(['health', 'alerts', 'dashboards', 'flags']);

/** The tabs of a site's report pages; switching keeps the period, comparison and filters. */
export function ReportNav({ siteId, current, view }: { siteId: number; current: string; view: ReportView }) {
  const nav = useRef<HTMLElement>(null);
  const tab = (key: ReportKey) => (
    <Link
      key={key}
      href={reportPath(siteId, key, view)}
      className="report-tab"
      aria-current={key === current ? 'page' : undefined}
    >
      {REPORT_TITLES[key]}
    </Link>
  );
  // On a phone the tabs scroll sideways: the current one is brought into the row's view, not left off-screen.
  useEffect(() => {
    nav.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <nav className="report-nav" aria-label="Reports" ref={nav}>
      {REPORT_KEYS.filter((key) => !TOOLS.has(key)).map(tab)}
      <span className="report-tools">{REPORT_KEYS.filter((key) => TOOLS.has(key)).map(tab)}</span>
    </nav>
  );
}
