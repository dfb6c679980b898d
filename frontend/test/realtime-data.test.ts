import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  minuteBars,
  LIVE_EVENTS_KEPT,
  parseSse,
  reconnectDelayMs,
  withLiveEvent,
  type LiveEvent,
} from '../src/realtime/realtime-data.js';

test('Server-Sent Events are read message by message, an incomplete one kept for the next chunk', () => {
  const first = parseSse(
    'id: 100-a\nevent: event\ndata: {"id":"a"}\n\n: heartbeat\n\nevent: visitors\r\ndata: {"visitors":2}\r\n\r\nevent: ev',
  );
  assert.deepEqual(first.messages, [
    { event: 'event', data: '{"id":"a"}', id: '100-a' },
    { event: 'visitors', data: '{"visitors":2}', id: undefined },
  ]);
  assert.equal(first.rest, 'event: ev');
  const second = parseSse(`${first.rest}ent\ndata: line one\ndata: line two\n\n`);
  assert.deepEqual(second.messages, [{ event: 'event', data: 'line one\nline two', id: undefined }]);
  assert.equal(second.rest, '');
});

const event = (id: string, ts: number): LiveEvent => ({
  id,
  ts,
  name: 'pageview',
  page: '/',
  country: 'DE',
  device: 'desktop',
  browser: 'Chrome',
  source: '',
});

test('live events are kept newest first, each once, the last 200 at most', () => {
  let events: LiveEvent[] = [];
  events = withLiveEvent(events, event('a', 10));
  events = withLiveEvent(events, event('b', 12));
  events = withLiveEvent(events, event('late', 11));
  events = withLiveEvent(events, event('a', 10));
  assert.deepEqual(
    events.map((one) => one.id),
    ['b', 'late', 'a'],
  );
  for (let index = 0; index < 250; index++) events = withLiveEvent(events, event(`n${index}`, 100 + index));
  assert.equal(events.length, LIVE_EVENTS_KEPT);
  assert.equal(events[0].id, 'n249');
  assert.equal(events.at(-1)?.id, 'n50');
});

test('reconnects wait longer after each failure in a row, 30 s at most', () => {
  assert.deepEqual([1, 2, 3, 4, 6, 10].map(reconnectDelayMs), [1000, 2000, 4000, 8000, 30_000, 30_000]);
});

test('the minutes’ bars: labelled by time of day, as shares of the busiest minute, with the total and the busiest', () => {
  const minutes = [
    { minute: '2026-12-04T18:40:00.000Z', pageviews: 2 },
    { minute: '2026-12-04T18:41:00.000Z', pageviews: 0 },
    { minute: '2026-12-04T18:42:00.000Z', pageviews: 8 },
    { minute: '2026-12-04T18:43:00.000Z', pageviews: 8 },
  ];
  const { bars, total, busiest } = minuteBars(minutes, 'en-GB');
  const clock = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(Date.parse(iso));
  assert.deepEqual(
    bars,
    minutes.map(({ minute, pageviews }) => ({ label: clock(minute), pageviews, share: pageviews / 8 })),
  );
  assert.equal(total, 18);
  assert.deepEqual(busiest, bars[2], 'the first of the busiest minutes');
  const quiet = minuteBars(minutes.map((minute) => ({ ...minute, pageviews: 0 })));
  assert.deepEqual(
    [quiet.total, quiet.busiest, quiet.bars.map((bar) => bar.share)],
    [0, undefined, [0, 0, 0, 0]],
    'nobody: no busiest minute, every bar flat',
  );
});
