import type { ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { outsideRequest } from '../../common/request-signal.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { errorMessage } from '../../common/error-message.js';
import {
  activePagesSql,
  activeSourcesSql,
  activeTotalsSql,
  lastEventSql,
  pageviewsByMinuteSql,
  REALTIME_WINDOW_SECONDS,
  type StreamCursor,
} from '../query/realtime.js';
import type { LastEventDto, RealtimeMinuteDto, RealtimeReportDto } from './dto/realtime.dto.js';
import { RealtimeHub } from './realtime-hub.js';
import { now, readStreamEvents } from './site-poller.js';
import { parseStreamCursor, SseListener } from './sse-listener.js';

/** Rows of the top pages and sources. */
const TOP_ROWS = 10;
/** The minutes of pageviews a summary shows, the one under way last. */
const MINUTES_SHOWN = 30;
/** The UTC days before today a site's last event is looked for first: a live site's is there. */
const RECENT_DAYS = 1;
/** How long a browser waits before reconnecting a dropped stream (the SSE `retry:` field). */
const RECONNECT_MS = 2_000;
/**
 * How long one reading of a site's summary answers every caller. Each open overview and realtime page asks
 * every 5 s, so a site watched by fifty people would cost ClickHouse forty queries a second; shared, it costs
 * four, whatever the viewers, as one poller serves every stream.
 */
const SUMMARY_SHARED_MS = 1_000;

/** A site's shared summary: under way (no `until`), or read and shared until `until` (epoch ms). */
interface SharedSummary {
  summary: Promise<RealtimeReportDto>;
  until?: number;
}

/**
 * Right now on a site: the visitors of the last 5 minutes, and the live stream of its events. Access
 * to the site is checked before any of this by the route's rule (`@SiteReport()`), a 404 otherwise.
 */
@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private readonly summaries = new Map<number, SharedSummary>();

  constructor(
    private readonly clickhouse: ClickHouseService,
    private readonly hub: RealtimeHub,
  ) {}

  /**
   * The site's summary. A reading under way answers everyone who asks meanwhile, and for SUMMARY_SHARED_MS
   * after it is read; then whoever asks first reads it again. A failed reading is not shared.
   */
  summary(siteId: number): Promise<RealtimeReportDto> {
    const at = Date.now();
    for (const [site, { until }] of this.summaries) {
      if (until !== undefined && until <= at) this.summaries.delete(site);
    }
    const shared = this.summaries.get(siteId);
    if (shared) return shared.summary;
    // Read as no request's: it answers every viewer who asks meanwhile, whichever of them leaves.
    const entry: SharedSummary = { summary: outsideRequest(() => this.readSummary(siteId)) };
    this.summaries.set(siteId, entry);
    entry.summary.then(
      () => (entry.until = Date.now() + SUMMARY_SHARED_MS),
      () => this.summaries.get(siteId) === entry && this.summaries.delete(siteId),
    );
    return entry.summary;
  }

  private async readSummary(siteId: number): Promise<RealtimeReportDto> {
    const at = now();
    const since = at - REALTIME_WINDOW_SECONDS;
    const firstMinute = (Math.floor(at / 60) - (MINUTES_SHOWN - 1)) * 60;
    const [[totals], pages, sources, minutes] = await Promise.all([
      this.clickhouse.rows<{ visitors: string; pageviews: string }>(activeTotalsSql(siteId, since)),
      this.clickhouse.rows<{ value: string; pageviews: string }>(activePagesSql(siteId, since, TOP_ROWS)),
      this.clickhouse.rows<{ value: string; visitors: string }>(activeSourcesSql(siteId, since, TOP_ROWS)),
      this.clickhouse.rows<{ minute: number; pageviews: string }>(pageviewsByMinuteSql(siteId, firstMinute)),
    ]);
    return {
      siteId,
      since: new Date(since * 1000).toISOString(),
      visitors: Number(totals?.visitors ?? 0),
      pageviews: Number(totals?.pageviews ?? 0),
      pages: pages.map(({ value, pageviews }) => ({ page: value, pageviews: Number(pageviews) })),
      sources: sources.map(({ value, visitors }) => ({ source: value, visitors: Number(visitors) })),
      minutes: everyMinute(firstMinute, minutes),
    };
  }

  /**
   * When the site's newest human event arrived, or null before its first: whether its snippet works, and
   * since when a site is quiet. A live site's is in the last days' rows, read by the table's key; a quiet
   * one's takes every day of the site's.
   */
  async lastEvent(siteId: number): Promise<LastEventDto> {
    const recentDay = new Date((now() - RECENT_DAYS * 86_400) * 1000).toISOString().slice(0, 10);
    type Row = { last: number; events: string };
    let [latest] = await this.clickhouse.rows<Row>(lastEventSql(siteId, recentDay));
    if (Number(latest?.events ?? 0) === 0) [latest] = await this.clickhouse.rows<Row>(lastEventSql(siteId));
    const last = Number(latest?.events ?? 0) > 0 ? Number(latest.last) : undefined;
    return { siteId, lastEventAt: last === undefined ? null : new Date(last * 1000).toISOString() };
  }

  /**
   * Streams the site's events to `response` until the client goes: the events after `lastEventId` first
   * (a reconnect), then the shared poller's. Everything that can refuse the stream (a bad Last-Event-ID,
   * no room) does so before the head is written, as a plain error answer.
   */
  async stream(siteId: number, lastEventId: string | undefined, response: ServerResponse): Promise<void> {
    const after = lastEventId === undefined ? undefined : this.cursorOf(lastEventId);
    const listener = new SseListener(response, () => this.hub.leave(siteId, listener));
    const poller = this.hub.join(siteId, listener);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream (proxy_buffering) and deliver it in lumps.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n\n`);
    response.once('close', () => listener.drop());
    try {
      await poller.ready;
      const resumed = after ? await this.resume(siteId, after) : [];
      listener.live(resumed);
      listener.visitors(poller.visitors);
    } catch (error) {
      // The head is sent: a failed resume can only end the stream; the browser reconnects and retries it.
      this.logger.warn(`site ${siteId}: stream resume failed: ${errorMessage(error)}`);
      listener.drop();
    }
  }

  /** The events after the cursor that are still in the window. */
  private async resume(siteId: number, after: StreamCursor) {
    const since = Math.max(now() - REALTIME_WINDOW_SECONDS, after.ts);
    return readStreamEvents(this.clickhouse, { siteId, since, after }, 'realtime:resume');
  }

  private cursorOf(lastEventId: string): StreamCursor {
    const cursor = parseStreamCursor(lastEventId);
    if (!cursor) {
      throw new DomainError(
        ErrorCode.Validation,
        'Last-Event-ID: must be the id of an event this stream sent (<unix seconds>-<event id>)',
      );
    }
    return cursor;
  }
}

/** The MINUTES_SHOWN minutes from `first` (unix seconds) with their pageviews, 0 where no row has any. */
function everyMinute(first: number, rows: Array<{ minute: number; pageviews: string }>): RealtimeMinuteDto[] {
  const counted = new Map(rows.map(({ minute, pageviews }) => [Number(minute), Number(pageviews)]));
  return Array.from({ length: MINUTES_SHOWN }, (_, index) => {
    const minute = first + index * 60;
    return { minute: new Date(minute * 1000).toISOString(), pageviews: counted.get(minute) ?? 0 };
  });
}
