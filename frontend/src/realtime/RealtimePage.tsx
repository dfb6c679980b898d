import { formatCount, formatCountOf } from '../shared/format';
import { valueLabel } from '../reports/dimension-labels';
import type { ReportPageProps } from '../reports/report-page';
import { QueryState } from '../shared/QueryState';
import type { RealtimeMinute } from './api';
import {
  eventTime,
  LIVE_EVENTS_KEPT,
  minuteBars,
  STREAM_STATE_LABELS,
  type LiveEvent,
} from './realtime-data';
import { useLiveStream } from './useLiveStream';
import { useRealtimeQuery } from './useRealtimeQuery';
import { ScrollRegion } from '../shared/ScrollRegion';
import { TableHeader } from '../shared/TableHeader';

const pageviewsOf = (count: number) => formatCountOf(count, 'pageview');

/**
 * Right now on the site: visitors of the last 5 minutes (read again every few seconds), the top pages and
 * sources, and the live stream of events; no period, comparison or filters (report-catalogue.ts).
 */
export function RealtimePage({ site }: ReportPageProps) {
  // Read again every few seconds: the numbers change in place (useApiQuery does not dim a scheduled refresh).
  const summary = useRealtimeQuery(site.id);
  return (
    <div className="realtime">
      <QueryState query={summary} what="the last 5 minutes">
        {(report) => (
          <>
            <section className="card realtime-now" aria-labelledby="realtime-visitors-label">
              <div>
                <p id="realtime-visitors-label" className="realtime-label">
                  Visitors in the last 5 minutes
                </p>
                <p className="realtime-visitors" aria-live="polite" aria-atomic="true">
                  {formatCount(report.visitors)}
                </p>
                <p className="realtime-since">
                  {pageviewsOf(report.pageviews)} since {eventTime(Date.parse(report.since) / 1000)}
                </p>
              </div>
              <MinuteChart minutes={report.minutes} />
            </section>
            <div className="realtime-lists">
              <TopList
                title="Top pages now"
                column="Page"
                unit="Pageviews"
                rows={report.pages.map((page) => [valueLabel('page', page.page), page.pageviews])}
              />
              <TopList
                title="Top sources now"
                column="Source"
                unit="Visitors"
                rows={report.sources.map((source) => [
                  valueLabel('referrer_source', source.source),
                  source.visitors,
                ])}
              />
            </div>
          </>
        )}
      </QueryState>
      <LiveEvents siteId={site.id} />
    </div>
  );
}

/** The chart's drawing units: a bar is BAR_WIDTH wide in a slot of BAR_SLOT, the tallest CHART_HEIGHT. */
const BAR_SLOT = 10;
const BAR_WIDTH = 8;
const CHART_HEIGHT = 60;
/** A minute with any pageview stands at least this tall, so that one pageview is seen beside a busy minute. */
const LEAST_BAR = 2;

/**
 * Pageviews of the last 30 minutes, a bar a minute (its time and count on hover), the minute under way drawn
 * lighter: it is not over. Its summary (the total and the busiest minute) is what a screen reader hears.
 */
function MinuteChart({ minutes }: { minutes: RealtimeMinute[] }) {
  const { bars, total, busiest } = minuteBars(minutes);
  const summary =
    `Pageviews per minute over the last ${bars.length} minutes: ${formatCount(total)} in all` +
    (busiest ? `, the most at ${busiest.label} (${formatCount(busiest.pageviews)})` : '');
  return (
    <figure className="realtime-minutes">
      <figcaption className="realtime-label realtime-minutes-caption">
        <span>Pageviews per minute</span>
        <span aria-hidden="true">
          {formatCount(total)} in the last {bars.length} minutes
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${bars.length * BAR_SLOT} ${CHART_HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        {bars.map((bar, index) => {
          const height = bar.pageviews === 0 ? 0 : Math.max(LEAST_BAR, bar.share * CHART_HEIGHT);
          return (
            <rect
              key={index}
              className={index === bars.length - 1 ? 'is-current' : undefined}
              x={index * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) / 2}
              y={CHART_HEIGHT - height}
              width={BAR_WIDTH}
              height={height}
            >
              <title>{`${bar.label}: ${pageviewsOf(bar.pageviews)}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="realtime-minutes-axis" aria-hidden="true">
        <span>{bars[0]?.label}</span>
        <span>now</span>
      </div>
    </figure>
  );
}

interface TopListProps {
  title: string;
  column: string;
  unit: string;
  rows: Array<[label: string, count: number]>;
}

function TopList({ title, column, unit, rows }: TopListProps) {
  const headingId = `realtime-${column.toLowerCase()}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="realtime-since">Nobody in the last 5 minutes.</p>
      ) : (
        <table className="breakdown-table">
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="number">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, count]) => (
              <tr key={label}>
                <td className="realtime-value">{label}</td>
                <td className="number">{formatCount(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LiveEvents({ siteId }: { siteId: number }) {
  const { events, state, problem } = useLiveStream(siteId);
  return (
    <section className="card" aria-labelledby="realtime-stream-heading">
      <header className="breakdown-header">
        <h2 id="realtime-stream-heading">Live events</h2>
        <p className={`realtime-state realtime-state-${state}`} role="status">
          <span className="realtime-dot" aria-hidden="true" />
          {STREAM_STATE_LABELS[state]}
          {problem && state !== 'live' && state !== 'paused' && (
            <span className="realtime-problem">: {problem}</span>
          )}
        </p>
      </header>
      {events.length === 0 ? (
        <p className="realtime-since">
          Waiting for events. Each one shows here the moment it reaches Sluice, newest first.
        </p>
      ) : (
        <ScrollRegion className="realtime-scroll" label="Live events, scrollable">
          <table className="realtime-table phone-rows">
            <caption className="visually-hidden">
              The latest {LIVE_EVENTS_KEPT} events at most, newest first
            </caption>
            <TableHeader
              columns={[
                { label: 'Time' },
                { label: 'Event' },
                { label: 'Page' },
                { label: 'Country' },
                { label: 'Device' },
              ]}
            />
            <tbody>
              {events.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function EventRow({ event }: { event: LiveEvent }) {
  return (
    <tr>
      <td className="number">
        <time dateTime={new Date(event.ts * 1000).toISOString()}>{eventTime(event.ts)}</time>
      </td>
      <td>{event.name}</td>
      <td className="realtime-value">{valueLabel('page', event.page)}</td>
      <td>{valueLabel('country', event.country)}</td>
      <td>{valueLabel('device', event.device)}</td>
    </tr>
  );
}
