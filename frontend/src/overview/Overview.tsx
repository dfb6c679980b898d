import { Link } from 'wouter';
import { Annotations } from '../annotations/Annotations';
import { useAnnotationsQuery } from '../annotations/useAnnotationsQuery';
import { useSession } from '../auth/session';
import { useComparisonWords } from '../reports/comparison-words';
import { reportPath } from '../reports/report-catalogue';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { withCondition, type Condition } from '../reports/conditions';
import { QueryState } from '../shared/QueryState';
import { BreakdownCard } from './BreakdownCard';
import { CurrentVisitors } from './CurrentVisitors';
import { BREAKDOWN_CARDS } from './breakdown-data';
import { GoalsCard } from './GoalsCard';
import { MetricCards } from './MetricCards';
import {
  isEmptyOverview,
  isOverviewMetric,
  METRIC_LABELS,
  metricCards,
  type OverviewMetricName,
} from './overview-data';
import { TimeChart } from './TimeChart';
import { useFirstVisit } from './useFirstVisit';
import { WaitingForFirstVisit } from './WaitingForFirstVisit';
import { chartInterval, chartIntervalsFor, type ChartInterval } from '../../../config/src/view-periods.js';
import { INTERVAL_LABELS } from './timeseries-data';
import { useOverviewQuery } from './useOverviewQuery';
import { usePageReading } from './usePageReading';
import { useTimeseriesQuery } from './useTimeseriesQuery';
import { formatDateRange, formatDateTime, formatTimeAgo } from '../shared/format';

/** A site's overview: the filter bar, metric cards, the time chart and the breakdown cards, all one view. */
export function OverviewPage({ site, range, view, onChange, request }: ReportPageProps) {
  const metric = isOverviewMetric(view.metric) ? view.metric : 'visitors';
  const addFilter = (...filters: Condition[]) =>
    onChange({ filters: filters.reduce(withCondition, view.filters) });
  // The metric cards ask it (OverviewMetrics): the page reads the same answer, to know an empty view.
  const overview = useOverviewQuery(request).data;
  const firstVisit = useFirstVisit(site.id, overview !== undefined && isEmptyOverview(overview));
  if (firstVisit.waiting) {
    return (
      <div className="overview">
        <WaitingForFirstVisit site={site} />
      </div>
    );
  }
  return (
    <div className="overview">
      <CurrentVisitors siteId={request.siteId} />
      <OverviewMetrics
        request={request}
        charted={metric}
        onChart={(chosen) => onChange({ metric: chosen })}
        lastEventAt={firstVisit.lastEventAt}
      />
      <TimeSection
        request={request}
        metric={metric}
        interval={chartInterval(view.interval, range)}
        onInterval={(interval) => onChange({ interval })}
      />
      <div className="breakdowns">
        {BREAKDOWN_CARDS.map((spec) => (
          <BreakdownCard key={spec.title} spec={spec} request={request} onFilter={addFilter} />
        ))}
        <GoalsCard request={request} />
      </div>
    </div>
  );
}

interface OverviewMetricsProps {
  request: ReportRequest;
  charted: OverviewMetricName;
  onChart: (metric: OverviewMetricName) => void;
  /** When the site's last event came, once its view is empty. */
  lastEventAt: string | null | undefined;
}

/**
 * The metric cards. Their query is asked here, not by the page: React subscribes a parent's queries after its
 * children's, so the page's own request left last, behind every card's, and over HTTP/1.1's six connections
 * to the panel waited for one of them to end.
 */
function OverviewMetrics({ request, charted, onChart, lastEventAt }: OverviewMetricsProps) {
  const overview = useOverviewQuery(request);
  const reading = usePageReading(request);
  return (
    <section className="overview-metrics" aria-label="Overview">
      <QueryState
        query={overview}
        what="the overview"
        isEmpty={isEmptyOverview}
        empty={<NoVisits siteId={request.siteId} lastEventAt={lastEventAt} />}
      >
        {(data) => (
          <MetricCards
            cards={[...metricCards(data, undefined, reading.byPage), ...reading.cards]}
            charted={charted}
            onChart={onChart}
          />
        )}
      </QueryState>
    </section>
  );
}

/**
 * An empty period of a site that has had visits: when the last came, where the snippet is, (for those who may
 * add one) a demo site to see the reports with, and where visits went that came but are not counted: a
 * headless browser's are flagged as a bot's.
 */
function NoVisits({ siteId, lastEventAt }: { siteId: number; lastEventAt: string | null | undefined }) {
  const { user } = useSession();
  return (
    <p>
      No visits on these dates
      {lastEventAt && (
        <>
          {' '}
          (the site's last event came{' '}
          <time dateTime={lastEventAt} title={formatDateTime(lastEventAt)}>
            {formatTimeAgo(lastEventAt, new Date())}
          </time>
          )
        </>
      )}
      . Once the tracker snippet is on your pages, visits show up here: the snippet is under{' '}
      <Link href="/sites">Sites</Link>
      {user?.role !== 'viewer' && (
        <>
          , where a <Link href="/sites">demo site</Link> with two months of generated traffic shows every
          report before your own site sends anything
        </>
      )}
      . Visits of bots and automated browsers (a headless Chrome, a script) are left out of reports: the{' '}
      <Link href={reportPath(siteId, 'health', '')}>Ingest health</Link> page counts them.
    </p>
  );
}

interface TimeSectionProps {
  request: ReportRequest;
  metric: keyof typeof METRIC_LABELS;
  interval: ChartInterval;
  onInterval: (interval: ChartInterval) => void;
}

function TimeSection({ request, metric, interval, onInterval }: TimeSectionProps) {
  const series = useTimeseriesQuery({ ...request, metric, interval });
  const annotations = useAnnotationsQuery(request.siteId, request.range);
  const compared = useComparisonWords();
  const label = METRIC_LABELS[metric];
  return (
    <section className="card time-section" aria-labelledby="time-chart-heading">
      <header className="breakdown-header">
        <h2 id="time-chart-heading">{label}</h2>
        <label className="field">
          Granularity
          <select value={interval} onChange={(event) => onInterval(event.target.value as ChartInterval)}>
            {chartIntervalsFor(request.range).map((candidate) => (
              <option key={candidate} value={candidate}>
                {INTERVAL_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <QueryState query={series} what="the time chart">
        {(report) => (
          <TimeChart
            report={report}
            metric={metric}
            metricLabel={label}
            notes={annotations.data}
            summary={`${label} by ${INTERVAL_LABELS[interval].toLowerCase()}, ${formatDateRange(request.range)}${request.comparison ? `, with ${compared.phrase}` : ''}`}
          />
        )}
      </QueryState>
      {/* Shown before its list is asked for (useAnnotationsQuery): an admin's Add button is there from the start. */}
      <Annotations
        siteId={request.siteId}
        range={request.range}
        annotations={annotations.data ?? []}
        onChanged={annotations.retry}
      />
    </section>
  );
}
