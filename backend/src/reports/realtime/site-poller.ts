import { Logger } from '@nestjs/common';
import type { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { errorMessage } from '../../common/error-message.js';
import {
  activeTotalsSql,
  REALTIME_WINDOW_SECONDS,
  streamEventsSql,
  type StreamCursor,
  type StreamedEvent,
} from '../query/realtime.js';
import type { SseListener } from './sse-listener.js';

/** How often a streamed site's new events are read: one query a second, whatever the listeners. */
export const POLL_MS = 1_000;
/** Every how many polls the visitors of the last 5 minutes are counted and sent. */
const VISITORS_EVERY_POLLS = 10;
/** Every how many polls a heartbeat comment is sent (proxies close a stream idle for about a minute). */
const HEARTBEAT_EVERY_POLLS = 15;
/**
 * How far behind the newest event a poll looks again: events reach ClickHouse seconds after they happen
 * and shipper batches land out of order, so a poll rereads this much and the seen-set drops what was sent.
 */
export const OVERLAP_SECONDS = 60;
/** The most events one poll (or resume) reads: the newest, so a burst beyond it skips ahead. */
export const POLL_LIMIT = 1_000;

/** Streamed events as `streamEventsSql` finds them (the newest), oldest first, as they are sent. */
export async function readStreamEvents(
  clickhouse: ClickHouseService,
  query: Omit<Parameters<typeof streamEventsSql>[0], 'limit'>,
  name: Parameters<typeof streamEventsSql>[1],
): Promise<StreamedEvent[]> {
  const rows = await clickhouse.rows<StreamedEvent>(streamEventsSql({ ...query, limit: POLL_LIMIT }, name));
  return rows.reverse();
}

export const now = () => Math.floor(Date.now() / 1000);
const after = (a: StreamCursor, b: StreamCursor) => a.ts > b.ts || (a.ts === b.ts && a.eventId > b.eventId);

/**
 * One site's stream, shared by all its listeners: a poll of ClickHouse every second, started by the
 * first listener and stopped with the last.
 *
 * Ordering and resume: events go out in (first ts, event id) order, each carrying that cursor as its SSE
 * id, and a reconnect resumes after its Last-Event-ID from ClickHouse. A poll rereads `OVERLAP_SECONDS`
 * behind the newest event sent, and a seen-set (the ids sent, kept as long as they can be reread) sends
 * each once. An event that lands behind the cursor already sent (a late shipper batch) still goes out
 * live, but without an id, so a browser's Last-Event-ID never moves back; a client disconnected while it
 * landed misses it (a resume reads forward from its cursor), the one case the cursor does not cover.
 */
export class SitePoller {
  private readonly logger = new Logger('Realtime');
  readonly listeners = new Set<SseListener>();
  private readonly seen = new Map<string, number>();
  private cursor: StreamCursor | undefined;
  private visitorCount = 0;
  private polls = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The first poll: what is already stored is remembered as seen, not sent. */
  readonly ready: Promise<void>;

  constructor(
    private readonly siteId: number,
    private readonly clickhouse: ClickHouseService,
  ) {
    this.ready = Promise.all([this.poll(false), this.countVisitors()]).then(() => this.schedule());
  }

  get visitors(): number {
    return this.visitorCount;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), POLL_MS);
  }

  private async tick(): Promise<void> {
    this.polls += 1;
    await this.poll(true);
    if (this.polls % VISITORS_EVERY_POLLS === 0) {
      await this.countVisitors();
      for (const listener of this.listeners) listener.visitors(this.visitorCount);
    }
    if (this.polls % HEARTBEAT_EVERY_POLLS === 0) for (const listener of this.listeners) listener.heartbeat();
    this.schedule();
  }

  /** Reads the events since the overlap before the cursor; sends those not seen yet (`send`). */
  private async poll(send: boolean): Promise<void> {
    const since = Math.max(now() - REALTIME_WINDOW_SECONDS, (this.cursor?.ts ?? 0) - OVERLAP_SECONDS);
    try {
      const events = await readStreamEvents(this.clickhouse, { siteId: this.siteId, since }, 'realtime:poll');
      for (const event of events) this.found(event, send);
      this.forget(since);
    } catch (error) {
      // The next poll tries again; listeners just see nothing new meanwhile.
      this.logger.warn(`site ${this.siteId}: poll failed: ${errorMessage(error)}`);
    }
  }

  private found(event: StreamedEvent, send: boolean): void {
    if (this.stopped || this.seen.has(event.id)) return;
    this.seen.set(event.id, event.ts);
    const position = { ts: event.ts, eventId: event.id };
    const inOrder = !this.cursor || after(position, this.cursor);
    if (inOrder) this.cursor = position;
    if (send) for (const listener of this.listeners) listener.event(event, inOrder);
  }

  /** Ids older than any poll can reread: the seen-set holds at most the overlap's and window's events. */
  private forget(since: number): void {
    for (const [id, ts] of this.seen) if (ts < since - OVERLAP_SECONDS) this.seen.delete(id);
  }

  private async countVisitors(): Promise<void> {
    try {
      const [totals] = await this.clickhouse.rows<{ visitors: string }>(
        activeTotalsSql(this.siteId, now() - REALTIME_WINDOW_SECONDS),
      );
      this.visitorCount = Number(totals?.visitors ?? 0);
    } catch (error) {
      this.logger.warn(`site ${this.siteId}: visitors count failed: ${errorMessage(error)}`);
    }
  }
}
