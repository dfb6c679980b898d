import type { ServerResponse } from 'node:http';
import type { StreamCursor, StreamedEvent } from '../query/realtime.js';

/**
 * What one client may have waiting in the socket's buffer: past it the client can't keep up (a slow
 * link, a paused tab) and is dropped; its browser reconnects with Last-Event-ID and resumes from
 * ClickHouse, so memory stays bounded whatever the client does.
 */
export const MAX_PENDING_BYTES = 256 * 1024;

/** A resume's events before the listener's first live ones: bounded as the socket buffer is. */
const MAX_QUEUED_EVENTS = 1_000;

/** The cursor an SSE `id:` carries: `<unix seconds>-<event id>`. */
export const encodeStreamCursor = ({ ts, eventId }: StreamCursor): string => `${ts}-${eventId}`;

const CURSOR = /^(\d{1,10})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A Last-Event-ID as a cursor; undefined for one this stream never sent. */
export function parseStreamCursor(text: string): StreamCursor | undefined {
  const match = CURSOR.exec(text);
  return match ? { ts: Number(match[1]), eventId: match[2] } : undefined;
}

/**
 * One open stream: SSE messages written to its response. Until `live()` it queues the poller's events
 * (while a resume is read from ClickHouse), then writes them except those the resume already sent.
 */
export class SseListener {
  private queued: Array<{ event: StreamedEvent; inOrder: boolean }> | undefined = [];
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly onDrop: () => void,
  ) {}

  get open(): boolean {
    return !this.closed;
  }

  /** An event the poller found: `inOrder` ones carry their cursor as `id:`; a late one keeps the last id. */
  event(event: StreamedEvent, inOrder: boolean): void {
    if (this.queued) {
      if (this.queued.length < MAX_QUEUED_EVENTS) this.queued.push({ event, inOrder });
      else this.drop();
      return;
    }
    const id = inOrder ? `id: ${encodeStreamCursor({ ts: event.ts, eventId: event.id })}\n` : '';
    this.write(`${id}event: event\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** The resume's events (in order, each with its cursor), then the queued live ones it did not cover. */
  live(resumed: StreamedEvent[]): void {
    const queued = this.queued ?? [];
    this.queued = undefined;
    const sent = new Set(resumed.map(({ id }) => id));
    for (const event of resumed) this.event(event, true);
    for (const { event, inOrder } of queued) if (!sent.has(event.id)) this.event(event, inOrder);
  }

  visitors(visitors: number): void {
    if (!this.queued) this.write(`event: visitors\ndata: ${JSON.stringify({ visitors })}\n\n`);
  }

  /** A comment line: proxies and load balancers see traffic and keep an idle stream open. */
  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  private write(text: string): void {
    if (this.closed) return;
    if (this.response.writableLength > MAX_PENDING_BYTES) return this.drop();
    this.response.write(text);
  }

  /** Ends the stream (the client reconnects and resumes); the poller forgets it. */
  drop(): void {
    if (this.closed) return;
    this.closed = true;
    this.response.destroy();
    this.onDrop();
  }
}
