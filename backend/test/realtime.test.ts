import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { ClientGone, withRequestSignal } from '../src/common/request-signal.js';
import { RealtimeService } from '../src/reports/realtime/realtime.service.js';
import {
  eventRow,
  OWNER,
  RecordingLogger,
  reportQueries,
  signIn,
  startTestStores,
  type TestStores,
} from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let base: string;
let token: string;

const LISTENERS_PER_SITE = 2;

before(async () => {
  stores = await startTestStores();
  app = await createApp(
    loadAppConfig({ ...stores.env, SLUICE_REALTIME_LISTENERS_PER_SITE: String(LISTENERS_PER_SITE) }),
    new RecordingLogger(),
  );
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  http = request(app.getHttpServer());
  token = await signIn(http, OWNER);
});
after(async () => {
  await app?.close();
  await stores?.stop();
});

const client = reportClient(
  () => http,
  () => token,
);
const { report, viewerOf } = client;
/** The stream tests' sites: Asia/Kolkata unless a test needs another zone. */
const newSite = (domain: string, timezone = 'Asia/Kolkata') => client.newSite(domain, timezone);

/** `seconds` ago, as the events table stores ts (UTC, `YYYY-MM-DD hh:mm:ss`). */
const ago = (seconds: number) =>
  new Date(Date.now() - seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
/** The cursor the stream sends as `id:` for a stored event. */
const unixSeconds = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`) / 1000;
const cursorOf = (row: { ts: string; event_id: string }) => `${unixSeconds(row.ts)}-${row.event_id}`;

interface SseMessage {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

/**
 * An open stream read with Node's fetch: every message as it comes, and a wait for a condition on them
 * (a marker event), which ends the observation.
 */
async function openStream(siteId: number, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/sites/${siteId}/realtime/stream`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  let wake = () => {};
  let ended = false;
  const read = (async () => {
    if (!response.ok || !response.body) return;
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of response.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        let end;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          if (fields.data)
            messages.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          wake();
        }
      }
    } catch {
      // Aborted by the test: the end of the observation.
    } finally {
      ended = true;
      wake();
    }
  })();
  const until = async (done: (messages: SseMessage[]) => boolean) => {
    while (!done(messages)) {
      if (ended) throw new Error(`the stream ended before the condition: ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return {
    response,
    messages,
    until,
    /** The event messages, as (SSE id, event id, name). */
    events: () => messages.filter(({ event }) => event === 'event'),
    async close() {
      abort.abort();
      await read;
    },
  };
}

/** The stream's first `visitors` message: it has joined its site's poller and read what was stored. */
const ready = (stream: Awaited<ReturnType<typeof openStream>>) =>
  stream.until((messages) => messages.some(({ event }) => event === 'visitors'));

const gauge = async (name: string) => {
  const { text } = await http.get('/metrics').expect(200);
  return Number(new RegExp(`^sluice_backend_realtime_${name} (\\d+)$`, 'm').exec(text)?.[1]);
};

/** Waits for the backend to have let go of every stream (a closed connection is seen a moment later). */
async function streamsClosed() {
  while ((await gauge('listeners')) !== 0 || (await gauge('pollers')) !== 0) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the live stream', () => {
  test('sends each new event once, in order, with its cursor; no bot, no copy, no resend', async () => {
    const site = await newSite('stream.test');
    await stores.insertEvents([
      eventRow({ site_id: site, event_id: randomUUID(), ts: ago(100), pathname: '/old' }),
    ]);
    const stream = await openStream(site);
    assert.equal(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(stream.response.headers.get('x-accel-buffering'), 'no');
    await ready(stream);

    const rows = [0, 1, 2, 3].map((n) =>
      eventRow({
        site_id: site,
        event_id: randomUUID(),
        ts: ago(40 - n),
        visitor_id: `v${n}`,
        session_id: `s${n}`,
        pathname: `/p${n}`,
        country: 'IN',
        referrer_source: 'Google',
      }),
    );
    const bot = eventRow({ site_id: site, event_id: randomUUID(), ts: ago(38), is_bot: 1, pathname: '/bot' });
    // The same event again from the pipeline, and resent by the offline queue from another address later.
    const copy = { ...rows[1] };
    const resend = { ...rows[2], visitor_id: 'elsewhere', ts: ago(20) };
    await stores.insertEvents([rows[3], rows[1], bot, rows[0], rows[2]]);
    await stores.insertEvents([copy, resend]);
    const marker = eventRow({ site_id: site, event_id: randomUUID(), ts: ago(10), name: 'marker' });
    await stores.insertEvents([marker]);
    await stream.until((messages) => messages.some(({ data }) => data.id === marker.event_id));
    await stream.close();

    assert.deepEqual(
      stream.events().map(({ id, data }) => [id, data.id]),
      [...rows, marker].map((row) => [cursorOf(row), row.event_id]),
    );
    assert.deepEqual(stream.events()[0].data, {
      id: rows[0].event_id,
      ts: unixSeconds(rows[0].ts),
      name: 'pageview',
      page: '/p0',
      country: 'IN',
      device: rows[0].device,
      browser: rows[0].browser,
      source: 'Google',
    });
    await streamsClosed();
  });

  test('a reconnect with Last-Event-ID gets exactly the events it missed, then the live ones', async () => {
    const site = await newSite('resume.test', 'America/St_Johns');
    const row = (n: number, name = 'pageview') =>
      eventRow({ site_id: site, event_id: randomUUID(), ts: ago(60 - n), session_id: `s${n}`, name });
    const first = await openStream(site);
    await ready(first);
    const seen = [row(0), row(1)];
    await stores.insertEvents(seen);
    await first.until(() => first.events().length === 2);
    await first.close();
    const lastEventId = first.events()[1].id!;
    assert.equal(lastEventId, cursorOf(seen[1]));

    const missed = [row(2), row(3)];
    await stores.insertEvents(missed);
    const second = await openStream(site, { 'last-event-id': lastEventId });
    await ready(second);
    const live = row(4, 'marker');
    await stores.insertEvents([live]);
    await second.until(() => second.events().some(({ data }) => data.id === live.event_id));
    await second.close();
    assert.deepEqual(
      second.events().map(({ id }) => id),
      [...missed, live].map(cursorOf),
    );
    await streamsClosed();
  });

  test('listeners of a site share one poller, stopped with the last; past the cap a stream is 503 busy', async () => {
    const site = await newSite('shared.test');
    const other = await newSite('other.test');
    const streams = [await openStream(site), await openStream(site), await openStream(other)];
    await Promise.all(streams.map(ready));
    assert.deepEqual([await gauge('listeners'), await gauge('pollers')], [3, 2]);

    const refused = await openStream(site);
    assert.equal(refused.response.status, 503);
    assert.equal(refused.response.headers.get('retry-after'), '30');
    assert.deepEqual(await refused.response.json(), {
      statusCode: 503,
      code: 'busy',
      message: `realtime: this site has ${LISTENERS_PER_SITE} live streams open, the most it serves; retry later`,
    });

    const marker = eventRow({ site_id: site, event_id: randomUUID(), ts: ago(5), name: 'marker' });
    await stores.insertEvents([marker]);
    for (const stream of streams.slice(0, 2)) {
      await stream.until(() => stream.events().some(({ data }) => data.id === marker.event_id));
      assert.deepEqual(
        stream.events().map(({ data }) => data.id),
        [marker.event_id],
      );
    }
    await streams[0].close();
    while ((await gauge('listeners')) !== 2) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await gauge('pollers'), 2, 'the site still has a listener: its poller runs on');
    // The poller began in the request of the stream just closed, and serves the others as before.
    const later = eventRow({ site_id: site, event_id: randomUUID(), ts: ago(1), name: 'later' });
    await stores.insertEvents([later]);
    await streams[1].until(() => streams[1].events().some(({ data }) => data.id === later.event_id));
    await Promise.all(streams.slice(1).map((stream) => stream.close()));
    await streamsClosed();
  });

  test('a Last-Event-ID the stream never sent is a 400 naming it', async () => {
    const site = await newSite('bad-cursor.test');
    const stream = await openStream(site, { 'last-event-id': "1'; DROP TABLE events" });
    assert.equal(stream.response.status, 400);
    assert.deepEqual(await stream.response.json(), {
      statusCode: 400,
      code: 'validation_failed',
      message: 'Last-Event-ID: must be the id of an event this stream sent (<unix seconds>-<event id>)',
    });
    assert.equal(await gauge('listeners'), 0);
  });
});

describe('the last 5 minutes', () => {
  test('counts visitors, pageviews, pages and sources once each, bots and older visits left out', async () => {
    const site = await newSite('now.test', 'America/St_Johns');
    const pageview = (visitor: string, session: string, seconds: number, pathname: string, source = '') =>
      eventRow({
        site_id: site,
        event_id: randomUUID(),
        visitor_id: visitor,
        session_id: session,
        ts: ago(seconds),
        pathname,
        referrer_source: source,
      });
    const a1 = pageview('va', 'sa', 120, '/a', 'Google');
    const a2 = pageview('va', 'sa', 90, '/b', 'Google');
    const b1 = pageview('vb', 'sb', 60, '/a');
    const older = pageview('vo', 'so', 20 * 60, '/old', 'Bing');
    // A visit that began 10 minutes ago and is still going counts; its older pageview does not.
    const c1 = pageview('vc', 'sc', 600, '/c', 'Bing');
    const c2 = pageview('vc', 'sc', 30, '/a', 'Bing');
    const bot = { ...pageview('vbot', 'sbot', 30, '/a', 'Bot'), is_bot: 1 };
    await stores.insertEvents([a1, a2, b1, older, c1, c2, bot]);
    // A copy, and b1 resent from another address later: neither adds a visitor or a pageview.
    await stores.insertEvents([{ ...a1 }, { ...b1, visitor_id: 'vb-elsewhere', ts: ago(10) }]);

    const { body } = await report(site, 'realtime', {}).expect(200);
    assert.equal(typeof body.since, 'string');
    assert.deepEqual(
      { ...body, since: undefined, minutes: undefined },
      {
        siteId: site,
        since: undefined,
        minutes: undefined,
        visitors: 3,
        pageviews: 4,
        pages: [
          { page: '/a', pageviews: 3 },
          { page: '/b', pageviews: 1 },
        ],
        sources: [
          { source: '', visitors: 1 },
          { source: 'Bing', visitors: 1 },
          { source: 'Google', visitors: 1 },
        ],
      },
    );
  });

  test('the last 30 minutes by minute: each pageview once, in the minute it first arrived', async () => {
    const site = await newSite('minutes.test', 'Asia/Kathmandu');
    const pageview = (seconds: number, name = 'pageview') =>
      eventRow({ site_id: site, event_id: randomUUID(), ts: ago(seconds), pathname: '/', name });
    const counted = [pageview(45), pageview(50), pageview(5 * 60), pageview(28 * 60)];
    const early = pageview(31 * 60);
    const bot = { ...pageview(45), is_bot: 1 };
    await stores.insertEvents([...counted, early, bot, pageview(50, 'signup')]);
    // A copy, and a resend from another address a minute later: still one pageview, in its first minute.
    await stores.insertEvents([
      { ...counted[0] },
      { ...counted[2], visitor_id: 'elsewhere', ts: ago(4 * 60) },
    ]);

    const { body } = await report(site, 'realtime', {}).expect(200);
    const minutes = body.minutes as Array<{ minute: string; pageviews: number }>;
    assert.equal(minutes.length, 30);
    const starts = minutes.map(({ minute }) => Date.parse(minute) / 1000);
    assert.ok(
      starts.every((start, index) => start % 60 === 0 && (index === 0 || start - starts[index - 1] === 60)),
      'consecutive minutes',
    );
    assert.ok(Date.now() / 1000 - starts[29] < 60 + 5, 'the last is the minute under way');
    const expected = new Map<number, number>();
    for (const row of counted) {
      const minute = Math.floor(unixSeconds(row.ts) / 60) * 60;
      expected.set(minute, (expected.get(minute) ?? 0) + 1);
    }
    assert.deepEqual(
      minutes.filter(({ pageviews }) => pageviews > 0).map(({ minute, pageviews }) => [minute, pageviews]),
      [...expected].map(([minute, pageviews]) => [new Date(minute * 1000).toISOString(), pageviews]).sort(),
    );
  });

  test("a site's summary is read once for every viewer asking meanwhile, and read again later", async () => {
    const site = await newSite('shared-now.test');
    const readings = () => reportQueries(http, 'realtime:pages', 'ok');
    const before = await readings();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => report(site, 'realtime', {}).expect(200)),
    );
    assert.deepEqual(
      answers.map(({ body }) => body.visitors),
      [0, 0, 0, 0, 0],
    );
    assert.equal(await readings(), before + 1, 'five viewers at once, one reading');

    await stores.insertEvents([
      eventRow({ site_id: site, event_id: randomUUID(), ts: ago(10), pathname: '/' }),
    ]);
    // Asked until the shared reading has had its time: a later one counts the new visitor.
    let visitors = 0;
    for (const deadline = Date.now() + 10_000; visitors === 0 && Date.now() < deadline;) {
      ({ visitors } = (await report(site, 'realtime', {}).expect(200)).body as { visitors: number });
      if (visitors === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(visitors, 1);
  });

  test("a site's shared summary answers every viewer, whichever of them has left", async () => {
    const site = await newSite('left-now.test');
    const service = app.get(RealtimeService);
    const gone = new AbortController();
    gone.abort(new ClientGone());
    const first = withRequestSignal(gone.signal, () => service.summary(site));
    const second = service.summary(site);
    assert.equal((await second).visitors, 0, 'the viewer still there gets the reading');
    assert.equal((await first).siteId, site, 'the reading was no request of its own');
  });

  test('an empty site: nobody', async () => {
    const site = await newSite('empty-now.test');
    const { body } = await report(site, 'realtime', {}).expect(200);
    assert.deepEqual([body.visitors, body.pageviews, body.pages, body.sources], [0, 0, [], []]);
    assert.deepEqual(
      (body.minutes as Array<{ pageviews: number }>).map(({ pageviews }) => pageviews),
      Array(30).fill(0),
    );
  });

  test("a site's last event: null before its first, then the newest human one's, however old", async () => {
    const site = await newSite('last-event.test');
    const lastEvent = async () => (await report(site, 'realtime/last-event', {}).expect(200)).body;
    assert.deepEqual(await lastEvent(), { siteId: site, lastEventAt: null });

    // Only a bot so far: the snippet's own visits have not come.
    await stores.insertEvents([eventRow({ site_id: site, event_id: randomUUID(), ts: ago(5), is_bot: 1 })]);
    assert.equal((await lastEvent()).lastEventAt, null);

    // A quiet site: its last event is days before the recent days read first.
    const longAgo = ago(40 * 86_400);
    await stores.insertEvents([eventRow({ site_id: site, event_id: randomUUID(), ts: longAgo })]);
    assert.equal((await lastEvent()).lastEventAt, `${longAgo.replace(' ', 'T')}.000Z`);

    const recent = ago(30);
    await stores.insertEvents([
      eventRow({ site_id: site, event_id: randomUUID(), ts: ago(3 * 3_600) }),
      eventRow({ site_id: site, event_id: randomUUID(), ts: recent }),
    ]);
    assert.equal((await lastEvent()).lastEventAt, `${recent.replace(' ', 'T')}.000Z`);
  });
});

describe('site isolation', () => {
  test("the realtime report and stream of a site the caller can't see are the 404 of a missing site", async () => {
    const siteA = await newSite('rt-isolation-a.test');
    const siteB = await newSite('rt-isolation-b.test');
    const email = 'realtime-viewer@shop.test';
    const viewer = await viewerOf(email, [siteA]);
    const missing = 4_000_000_000;
    for (const credential of [viewer.token, viewer.key]) {
      await report(siteA, 'realtime', {}, credential).expect(200);
      for (const path of ['realtime', 'realtime/last-event', 'realtime/stream']) {
        const answers = [];
        for (const site of [siteB, missing]) {
          const response = await fetch(`${base}/api/sites/${site}/${path}`, {
            headers: { authorization: `Bearer ${credential}` },
          });
          answers.push([response.status, await response.json()]);
        }
        assert.deepEqual(answers, [
          [404, { statusCode: 404, code: 'not_found', message: `site ${siteB} not found` }],
          [404, { statusCode: 404, code: 'not_found', message: `site ${missing} not found` }],
        ]);
      }
    }
    const allowed = await openStream(siteA, { authorization: `Bearer ${viewer.key}` });
    await ready(allowed);
    await allowed.close();
    await streamsClosed();
  });
});
