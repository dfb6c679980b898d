import { Link } from 'wouter';
import { comparisonDays, periodDays, VIEW_PERIOD_LABELS } from '../../../config/src/view-periods.js';
import { todayIn } from '../date-range/date-range';
import { changeTrend } from '../overview/overview-data';
import { useOverviewQuery } from '../overview/useOverviewQuery';
import { useTimeseriesQuery } from '../overview/useTimeseriesQuery';
import type { ReportRequest } from '../reports/report-request';
import { DEFAULT_VIEW } from '../routing/report-view';
import { reportPath } from '../reports/report-catalogue';
import { formatChange, formatCount } from '../shared/format';
import { Sparkline } from '../shared/Sparkline';
import { useInView } from '../shared/useInView';
import type { Site } from './api';

/** The period a site's card sums up: the overview's own, so the link opens on the same figure (cached). */
const PERIOD = DEFAULT_VIEW.period;

/**
 * A site's visitors over the overview's default period at a glance, as Plausible's list of sites shows them: the
 * count against the period before, and a line of them by hour, up to the hour under way. A link to the overview.
 * Asked only while the card is in view.
 */
export function SiteTraffic({ site }: { site: Site }) {
  const { ref, inView } = useInView<HTMLDivElement>();
  const range = periodDays(PERIOD, undefined, todayIn(site.timezone, new Date()));
  const request: ReportRequest = {
    siteId: site.id,
    range,
    comparison: comparisonDays(DEFAULT_VIEW.comparison, range),
    filters: [],
    live: true,
  };
  // The overview's own query: the link opens on this answer.
  const overview = useOverviewQuery(request, inView);
  const series = useTimeseriesQuery({ ...request, metric: 'visitors', interval: 'hour' }, inView);
  const period = VIEW_PERIOD_LABELS[PERIOD].toLowerCase();
  const visitors = overview.data?.metrics.visitors;
  const change = overview.data?.change?.visitors;
  const points = series.data?.points ?? [];
  const through = points.findIndex(({ bucket }) => bucket === series.data?.inProgress);
  // Its room kept before the answers: the snippet and settings under it do not move when they come.
  return (
    <div ref={ref} className="site-traffic">
      {visitors !== undefined && (
        <Link href={reportPath(site.id, 'overview', '')}>
          <span className="site-traffic-figure">
            <strong>{formatCount(visitors)}</strong> {visitors === 1 ? 'visitor' : 'visitors'}, {period}
            {overview.data?.change && (
              <span className={`metric-change trend-${changeTrend(change, false)}`}>
                {' '}
                {formatChange(change)}
                <span className="visually-hidden"> against the days before</span>
              </span>
            )}
          </span>
          {points.length > 0 && (
            <Sparkline
              values={points.map(({ metrics }) => metrics.visitors ?? 0)}
              through={through === -1 ? undefined : through}
              label={`Visitors by hour, ${period}`}
            />
          )}
        </Link>
      )}
    </div>
  );
}
