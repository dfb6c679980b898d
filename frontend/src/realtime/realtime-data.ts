import type { Schemas } from '../api/schemas.js';
import { dateTimeFormat } from '../shared/format.js';
import type { RealtimeMinute } from './api.js';

/** An event of the live stream, as the API sends it (`ts` in unix seconds; no visitor or session id). */
export type LiveEvent = Schemas['RealtimeEventDto'];

/** One Server-Sent Events message: its `event` type (`message` when unnamed), `data` and `id` when it had one. */
export interface SseMessage {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * The complete messages at the start of `buffer` (text read from the stream so far), and the incomplete rest to
 * keep for the next chunk. Comments (`: heartbeat`) and fields other than event, data and id are skipped.
 */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    const message: SseMessage = { event: 'message', data: '', id: undefined };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') message.id = value;
    }
    if (data.length === 0) continue;
    messages.push({ ...message, data: data.join('\n') });
  }
  return { messages, rest };
}

/** The events the page keeps: a tab left open all day must not grow without end. */
export const LIVE_EVENTS_KEPT = 200;

/** The list with `event` added, newest first, at most `LIVE_EVENTS_KEPT`; an event already there is not added again. */
export function withLiveEvent(events: LiveEvent[], event: LiveEvent): LiveEvent[] {
  if (events.some((kept) => kept.id === event.id)) return events;
  // A late event (the API sends those without an id) goes where its time puts it, not on top.
  const at = events.findIndex((kept) => kept.ts <= event.ts);
  const next = at === -1 ? [...events, event] : [...events.slice(0, at), event, ...events.slice(at)];
  return next.slice(0, LIVE_EVENTS_KEPT);
}

/** How long to wait before reconnecting after the `attempt`-th failure in a row: 1 s, 2 s, 4 s… up to 30 s. */
export const reconnectDelayMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'paused' | 'failed';

export const STREAM_STATE_LABELS: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  paused: 'Paused while this tab is hidden',
  failed: 'Disconnected',
};

/** An event's time of day in the browser's zone and language, to the second. */
export const eventTime = (ts: number, locale?: string) =>
  dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ts * 1000);

/** A minute's bar: its time of day, its pageviews and its height as a share of the busiest minute's. */
export interface MinuteBar {
  label: string;
  pageviews: number;
  share: number;
}

/**
 * The bars of the last minutes, oldest first (the API's order), each labelled with its time of day in the
 * browser's zone and language; with the total and the busiest minute, which the chart's summary names.
 */
export function minuteBars(minutes: RealtimeMinute[], locale?: string) {
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const most = Math.max(0, ...minutes.map(({ pageviews }) => pageviews));
  const bars: MinuteBar[] = minutes.map(({ minute, pageviews }) => ({
    label: clock.format(Date.parse(minute)),
    pageviews,
    share: most === 0 ? 0 : pageviews / most,
  }));
  const busiest = bars.find(({ pageviews }) => pageviews === most && most > 0);
  const total = bars.reduce((sum, { pageviews }) => sum + pageviews, 0);
  return { bars, total, busiest };
}
