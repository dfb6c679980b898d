import assert from 'node:assert/strict';
import { once } from 'node:events';
import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { EVENT_ROW_FIELDS, type EventRow } from '@sluice/config';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { randomSource } from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { report, csv, newSite, assertRefused } = reportClient(
  () => http,
  () => token,
);
const events = (siteId: number, params: Params) => report(siteId, 'events', params);

/** Newest first, ties on ts by event id descending: the explorer's order. */
const newestFirst = (a: EventRow, b: EventRow) =>
  a.ts !== b.ts ? (a.ts < b.ts ? 1 : -1) : a.event_id < b.event_id ? 1 : a.event_id > b.event_id ? -1 : 0;

/** A deterministic event id (UUID text) from a generator, so a failure replays. */
const uuidFrom = (random: () => number) =>
  Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
    .join('')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

const range = { from: '2026-11-20', to: '2026-11-20' };

/** The ids of the events a request over `range` answers, in its order. */
const idsOf = async (siteId: number, params: Params): Promise<string[]> =>
  (await events(siteId, { ...range, ...params }).expect(200)).body.events.map(
    ({ event_id }: EventRow) => event_id,
  );

describe('the events explorer', () => {
  test('walks every event of the range once, newest first, while new events arrive between pages', async () => {
    const site = await newSite('walk.test', 'Asia/Kolkata');
    const random = randomSource(17);
    // 2026-11-20 in Kolkata: 18:30 UTC the day before to 18:30 UTC; many events share a second.
    const inRange = Array.from({ length: 47 }, (_, n) =>
      eventRow({
        site_id: site,
        event_id: uuidFrom(random),
        ts: `2026-11-${n % 2 ? '19 19' : '20 10'}:0${Math.floor(random() * 3)}:00`,
        name: n % 5 ? 'pageview' : 'signup',
      }),
    );
    const outside = [
      eventRow({ site_id: site, event_id: uuidFrom(random), ts: '2026-11-19 18:29:59' }),
      eventRow({ site_id: site, event_id: uuidFrom(random), ts: '2026-11-20 18:30:00' }),
    ];
    const bot = eventRow({ site_id: site, event_id: uuidFrom(random), ts: '2026-11-20 10:01:00', is_bot: 1 });
    // Every fifth event stored twice by the pipeline: the same row, unmerged until ClickHouse merges.
    const copies = inRange.filter((_, n) => n % 5 === 1).map((row) => ({ ...row }));
    await stores.insertEvents([...inRange, ...outside, bot]);
    await stores.insertEvents(copies);

    const seen: EventRow[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null | undefined;
    let arrivals = 0;
    do {
      const { body } = await events(site, { ...range, limit: 10, ...(cursor ? { cursor } : {}) }).expect(200);
      seen.push(...body.events);
      pageSizes.push(body.events.length);
      cursor = body.nextCursor;
      // Newer events arrive between pages, inside the range: the walk goes on where it was.
      await stores.insertEvents([
        eventRow({ site_id: site, event_id: uuidFrom(random), ts: `2026-11-20 12:00:0${arrivals++}` }),
      ]);
    } while (cursor);
    assert.deepEqual(pageSizes, [10, 10, 10, 10, 7]);
    assert.deepEqual(seen, [...inRange].sort(newestFirst));
  });

  test('a page read from the newest events still fills where copies crowd them, and ends where they do', async () => {
    const site = await newSite('copies.test', 'UTC');
    const random = randomSource(29);
    const stored = ['23:59:00', '12:00:00', '08:00:00', '00:00:01'].map((time) =>
      eventRow({ site_id: site, event_id: uuidFrom(random), ts: `2026-11-20 ${time}` }),
    );
    // The newest event stored six times in one part (ClickHouse keeps them apart until it merges): a page of
    // two bounds its rows by the six newest stored rows, all of them that one event.
    await stores.insertEvents([...Array.from({ length: 6 }, () => ({ ...stored[0] })), ...stored.slice(1)]);
    const first = (await events(site, { ...range, limit: 2 }).expect(200)).body;
    assert.deepEqual(first.events, stored.slice(0, 2));
    assert.ok(first.nextCursor, 'a next page');
    const second = (await events(site, { ...range, limit: 2, cursor: first.nextCursor }).expect(200)).body;
    assert.deepEqual(second.events, stored.slice(2));
    // Fewer events than a page, each once: the last page, its rows bounded by the oldest of them.
    assert.equal(second.nextCursor, null);
  });

  test('walks a month whose last days hold fewer events than a page reads, and one whose days hold more', async () => {
    const site = await newSite('month.test', 'UTC');
    const random = randomSource(41);
    const on = (day: string, times: number) =>
      Array.from({ length: times }, (_, n) =>
        eventRow({ site_id: site, event_id: uuidFrom(random), ts: `2026-11-${day} 1${n % 10}:00:00` }),
      );
    // A page of two reads the six newest: the range's last two days hold four (read again over the month),
    // the 5th ten (read from there), the 1st five.
    const stored = [...on('20', 3), ...on('19', 1), ...on('05', 10), ...on('01', 5)];
    await stores.insertEvents(stored);
    const seen: EventRow[] = [];
    let cursor: string | null | undefined;
    do {
      const { body } = await events(site, {
        from: '2026-11-01',
        to: '2026-11-20',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      seen.push(...body.events);
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...stored].sort(newestFirst));
  });

  test('answers every contract field of an event as stored', async () => {
    const site = await newSite('fields.test', 'UTC');
    const stored = eventRow({
      site_id: site,
      name: 'purchase',
      session_id: 's-fields',
      props_keys: ['plan', 'amount'],
      props_values: ['pro', '19.99'],
      revenue_amount: 19.99,
      revenue_currency: 'EUR',
      language: 'pt-br',
      country: 'BR',
      referrer: "https://x.test/?q='; DROP TABLE events",
    });
    await stores.insertEvents([stored]);
    const { body } = await events(site, range).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      ...range,
      timezone: 'UTC',
      events: [stored],
      nextCursor: null,
    });
    assert.deepEqual(Object.keys(body.events[0]), EVENT_ROW_FIELDS);
  });

  test('filters by the filter tree; bots only when asked', async () => {
    const site = await newSite('filters.test', 'UTC');
    const rows = [
      eventRow({ site_id: site, ts: '2026-11-20 09:00:00', name: 'signup', country: 'DE' }),
      eventRow({
        site_id: site,
        ts: '2026-11-20 09:00:01',
        name: 'pageview',
        country: 'DE',
        pathname: '/docs/a',
      }),
      eventRow({
        site_id: site,
        ts: '2026-11-20 09:00:02',
        name: 'pageview',
        country: 'US',
        pathname: '/docs/b',
      }),
      eventRow({ site_id: site, ts: '2026-11-20 09:00:03', name: 'signup', country: 'US', is_bot: 1 }),
    ];
    await stores.insertEvents(rows);
    const ids = (params: Params) => idsOf(site, params);
    const id = (n: number) => rows[n].event_id;
    assert.deepEqual(await ids({}), [id(2), id(1), id(0)]);
    assert.deepEqual(await ids({ bots: true }), [id(3), id(2), id(1), id(0)]);
    assert.deepEqual(
      await ids({ bots: true, filters: '[{"dimension":"event_name","operator":"is","value":"signup"}]' }),
      [id(3), id(0)],
    );
    assert.deepEqual(
      await ids({
        filters: JSON.stringify([
          {
            or: [
              { dimension: 'country', operator: 'is', value: 'US' },
              { not: { dimension: 'page', operator: 'matches', value: '/docs/*' } },
            ],
          },
        ]),
      }),
      [id(2), id(0)],
    );
  });

  test("one visit's, visitor's or signed-in user's events", async () => {
    const site = await newSite('whose.test', 'UTC');
    const rows = [
      eventRow({ site_id: site, ts: '2026-11-20 09:00:00', session_id: 'visit-1', visitor_id: 'v1' }),
      eventRow({
        site_id: site,
        ts: '2026-11-20 09:05:00',
        session_id: 'visit-1',
        visitor_id: 'v1',
        user_id: 'u-7',
      }),
      eventRow({ site_id: site, ts: '2026-11-20 15:00:00', session_id: 'visit-2', visitor_id: 'v1' }),
      // The same user signed in on another device: another visitor.
      eventRow({
        site_id: site,
        ts: '2026-11-20 18:00:00',
        session_id: 'visit-3',
        visitor_id: 'v2',
        user_id: 'u-7',
      }),
      eventRow({ site_id: site, ts: '2026-11-20 19:00:00', session_id: 'visit-4', visitor_id: 'v3' }),
    ];
    await stores.insertEvents(rows);
    const ids = (params: Params) => idsOf(site, params);
    const id = (n: number) => rows[n].event_id;
    assert.deepEqual(await ids({ session: 'visit-1' }), [id(1), id(0)]);
    assert.deepEqual(await ids({ visitor: 'v1' }), [id(2), id(1), id(0)]);
    assert.deepEqual(await ids({ user: 'u-7' }), [id(3), id(1)]);
    // With the filters, and another site's visit is nobody's here.
    assert.deepEqual(
      await ids({
        visitor: 'v1',
        filters: '[{"dimension":"event_name","operator":"is","value":"pageview"}]',
      }),
      [id(2), id(1), id(0)],
    );
    const other = await newSite('whose-other.test', 'UTC');
    assert.deepEqual((await events(other, { ...range, session: 'visit-1' }).expect(200)).body.events, []);
    const exported = (await csv(site, 'events', { ...range, session: 'visit-1' }).expect(200)).body as string;
    assert.equal(exported.trim().split('\n').length, 3, 'the CSV: a header and the visit’s two events');
  });

  test("a visitor's, a user's and a visit's profile: their figures, where and on what, their newest visits", async () => {
    const site = await newSite('profile.test', 'Europe/Berlin');
    const on = (ts: string, session: string, visitor: string, more: Partial<EventRow> = {}) =>
      eventRow({ site_id: site, ts, session_id: session, visitor_id: visitor, ...more });
    const phone = { country: 'DE', city: 'Berlin', device: 'mobile', browser: 'Safari', os: 'iOS' };
    const laptop = { country: 'AT', city: 'Vienna', device: 'desktop', browser: 'Firefox', os: 'Linux' };
    const landing = on('2026-11-20 08:00:00', 'visit-a', 'v1', {
      ...phone,
      pathname: '/',
      referrer_source: 'Google',
    });
    const rows = [
      landing,
      // The pipeline stored the landing twice: it counts once.
      { ...landing },
      on('2026-11-20 08:02:00', 'visit-a', 'v1', { ...phone, pathname: '/pricing' }),
      on('2026-11-20 08:03:00', 'visit-a', 'v1', {
        ...phone,
        pathname: '/pricing',
        name: 'signup',
        user_id: 'u-9',
      }),
      on('2026-11-20 17:00:00', 'visit-b', 'v1', { ...laptop, pathname: '/docs', user_id: 'u-9' }),
      // A bot's event with their id is no part of them; another visitor is not them.
      on('2026-11-20 17:30:00', 'visit-b', 'v1', { ...laptop, pathname: '/admin', is_bot: 1 }),
      on('2026-11-20 12:00:00', 'visit-c', 'v2', { ...phone, pathname: '/' }),
    ];
    await stores.insertEvents(rows);
    const profile = async (params: Params) =>
      (await report(site, 'events/profile', { ...range, ...params }).expect(200)).body;

    const visitor = await profile({ visitor: 'v1' });
    assert.deepEqual(visitor, {
      siteId: site,
      ...range,
      timezone: 'Europe/Berlin',
      of: 'visitor',
      value: 'v1',
      events: 4,
      pageviews: 3,
      visits: 2,
      firstSeen: '2026-11-20 08:00:00',
      lastSeen: '2026-11-20 17:00:00',
      countries: ['AT', 'DE'],
      devices: ['desktop', 'mobile'],
      browsers: ['Firefox', 'Safari'],
      systems: ['Linux', 'iOS'],
      city: 'Vienna',
      userId: 'u-9',
      visitList: [
        {
          sessionId: 'visit-b',
          started: '2026-11-20 17:00:00',
          ended: '2026-11-20 17:00:00',
          events: 1,
          pageviews: 1,
          entryPage: '/docs',
          exitPage: '/docs',
          source: '',
          country: 'AT',
          device: 'desktop',
          browser: 'Firefox',
        },
        {
          sessionId: 'visit-a',
          started: '2026-11-20 08:00:00',
          ended: '2026-11-20 08:03:00',
          events: 3,
          pageviews: 2,
          entryPage: '/',
          exitPage: '/pricing',
          source: 'Google',
          country: 'DE',
          device: 'mobile',
          browser: 'Safari',
        },
      ],
    });
    // With bots, their bot's event too; a user is theirs on every device, a visit is one visit.
    assert.equal((await profile({ visitor: 'v1', bots: 'true' })).events, 5);
    const user = await profile({ user: 'u-9' });
    assert.deepEqual(
      [user.of, user.events, user.pageviews, user.visits, user.devices],
      ['user', 2, 1, 2, ['desktop', 'mobile']],
    );
    const visit = await profile({ session: 'visit-a' });
    assert.deepEqual([visit.of, visit.events, visit.visits, visit.visitList.length], ['session', 3, 1, 1]);
    // Nobody by that id, or another site's: no figures, no visit.
    for (const [siteId, params] of [
      [site, { visitor: 'nobody' }],
      [await newSite('profile-other.test', 'UTC'), { visitor: 'v1' }],
    ] as const) {
      const none = (await report(siteId, 'events/profile', { ...range, ...params }).expect(200)).body;
      assert.deepEqual(
        [none.events, none.visits, none.firstSeen, none.lastSeen, none.countries, none.visitList],
        [0, 0, null, null, [], []],
      );
    }
    await assertRefused(site, [
      ['events/profile', range, 'session, visitor or user: name whose profile'],
      [
        'events/profile',
        { ...range, visitor: 'a', user: 'b' },
        'visitor, user: ask for one visit, visitor or user at a time',
      ],
      ['events/profile', { ...range, visitor: 'a', filters: '[]' }, 'property filters should not exist'],
    ]);
  });

  test('bad requests are a 400 naming the field', async () => {
    const site = await newSite('bad.test', 'UTC');
    const cases: Array<[Params, string]> = [
      [{ limit: 0 }, 'limit must be an integer from 1 to 1000'],
      [{ limit: 1001 }, 'limit must be an integer from 1 to 1000'],
      [{ bots: 'yes' }, 'bots must be true or false'],
      [
        { cursor: Buffer.from('o:10').toString('base64url') },
        'cursor: not a cursor this API gave (nextCursor)',
      ],
      [
        {
          cursor: Buffer.from('e:2026-13-45 10:00:00|00000000-0000-4000-8000-000000000000').toString(
            'base64url',
          ),
        },
        'cursor: not a cursor this API gave (nextCursor)',
      ],
      [
        {
          cursor: Buffer.from('e:2026-02-30 10:00:00|00000000-0000-4000-8000-000000000000').toString(
            'base64url',
          ),
        },
        'cursor: not a cursor this API gave (nextCursor)',
      ],
      [
        { filters: '[{"dimension":"entry_page","operator":"is","value":"/"}]' },
        'filters: entry_page describes a visit, not an event (filter events by page)',
      ],
      [{ session: 'x'.repeat(65) }, 'session must be at most 64 characters, as session_id is'],
      [{ visitor: '' }, 'visitor must not be empty'],
      [{ user: 'x'.repeat(129) }, 'user must be at most 128 characters, as user_id is'],
      [{ session: 'a', visitor: 'b' }, 'session, visitor: ask for one visit, visitor or user at a time'],
    ];
    await assertRefused(
      site,
      cases.map(([params, message]) => ['events', { ...range, ...params }, message]),
    );
  });

  test('the OpenAPI description lists every contract field of an event', async () => {
    const { body } = await http.get('/api/docs-json').set('authorization', `Bearer ${token}`).expect(200);
    assert.ok(body.paths['/api/sites/{siteId}/events'].get);
    assert.deepEqual(Object.keys(body.components.schemas.EventDto.properties), EVENT_ROW_FIELDS);
    assert.deepEqual(body.components.schemas.EventDto.required, EVENT_ROW_FIELDS);
  });
});

/** A GET on the app's own port, read by the test at its own pace (supertest reads everything at once). */
async function exportRequest(path: string): Promise<IncomingMessage> {
  const server = app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) =>
    get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.setEncoding('utf8');
      resolve(response);
    }).on('error', reject),
  );
}

describe('CSV export', () => {
  /** One single-pageview visit per referrer source, the first five written to run as formulas. */
  const SOURCES = ['=HYPERLINK("http://x.test","y")', '+1', '-2', '@SUM(A1)', '\tx', 'plain'];
  let site: number;
  before(async () => {
    site = await newSite('csv.test', 'UTC');
    await stores.insertEvents(
      SOURCES.map((source, n) =>
        eventRow({
          site_id: site,
          session_id: `c${n}`,
          visitor_id: `cv${n}`,
          referrer_source: source,
          pathname: source,
        }),
      ),
    );
  });

  test('a breakdown, byte for byte, its formula-like cells made text, as a named download', async () => {
    const response = await csv(site, 'breakdown', { ...range, dimension: 'referrer_source' }).expect(200);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="sluice-site-${site}-breakdown-2026-11-20-2026-11-20.csv"`,
    );
    // Streamed: sent in chunks as ClickHouse answers, so no length is known up front.
    assert.equal(response.headers['transfer-encoding'], 'chunked');
    assert.equal(response.headers['content-length'], undefined);
    assert.equal(
      response.body,
      '"value","visitors","visits","pageviews"\n' +
        '"\'\tx",1,1,1\n' +
        '"\'+1",1,1,1\n' +
        '"\'-2",1,1,1\n' +
        '"\'=HYPERLINK(""http://x.test"",""y"")",1,1,1\n' +
        '"\'@SUM(A1)",1,1,1\n' +
        '"plain",1,1,1\n',
    );
  });

  test('the overview and a timeseries, byte for byte', async () => {
    const overview = await csv(site, 'overview', range).expect(200);
    assert.equal(
      overview.body,
      '"visitors","visits","pageviews","events","views_per_visit","bounce_rate","visit_duration"\n6,6,6,6,1,100,0\n',
    );
    const series = await csv(site, 'timeseries', {
      from: '2026-11-19',
      to: '2026-11-20',
      metrics: 'visitors,pageviews',
    }).expect(200);
    assert.equal(
      series.headers['content-disposition'],
      `attachment; filename="sluice-site-${site}-timeseries-2026-11-19-2026-11-20.csv"`,
    );
    assert.equal(series.body, '"bucket","visitors","pageviews"\n"2026-11-19",0,0\n"2026-11-20",6,6\n');
  });

  test('raw events: every contract field a column, text cells made safe, each event once', async () => {
    const [copy] = await stores.query<EventRow>(
      `SELECT * FROM events WHERE site_id = ${site} AND referrer_source = 'plain'`,
    );
    await stores.insertEvents([copy]); // the pipeline stored it twice
    const response = await csv(site, 'events', range).expect(200);
    assert.equal(response.headers['transfer-encoding'], 'chunked');
    const [header, ...rows] = parseCsv(response.body as string);
    assert.deepEqual(header, EVENT_ROW_FIELDS);
    const column = (field: (typeof EVENT_ROW_FIELDS)[number]) =>
      rows.map((row) => row[header.indexOf(field)]).sort();
    assert.deepEqual(column('pathname'), [
      "'\tx",
      "'+1",
      "'-2",
      '\'=HYPERLINK("http://x.test","y")',
      "'@SUM(A1)",
      'plain',
    ]);
    assert.deepEqual(column('site_id'), Array(SOURCES.length).fill(String(site)));
  });

  test("the raw export streams past the reports' 100,000 result rows, ClickHouse still running after the first chunk", async () => {
    const big = await newSite('csv-big.test', 'UTC');
    const count = 100_005;
    const rows = Array.from({ length: count }, (_, n) =>
      eventRow({
        site_id: big,
        ts: `2026-11-20 ${String(Math.floor(n / 3600) % 24).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`,
      }),
    );
    await stores.insertEvents(rows);
    // Streamed, not gathered: while the client holds off after its first chunk, ClickHouse is still running
    // the query, held back by the unread bytes (tens of megabytes, past every buffer on the way).
    const response = await exportRequest(`/api/sites/${big}/events?from=2026-11-20&to=2026-11-20&format=csv`);
    assert.equal(response.headers['transfer-encoding'], 'chunked');
    let text = '';
    const firstChunk = new Promise<void>((resolve) =>
      response.once('data', () => (response.pause(), resolve())),
    );
    response.on('data', (chunk: string) => (text += chunk));
    await firstChunk;
    const running = await stores.query<{ queries: string }>(
      "SELECT count() AS queries FROM system.processes WHERE query LIKE '%FORMAT CSVWithNames' AND query NOT LIKE '%system.processes%'",
    );
    assert.deepEqual(running, [{ queries: '1' }]);
    response.resume();
    await once(response, 'end');
    assert.equal(text.split('\n').length, 1 + count + 1);
  });

  test('format is json or csv', async () => {
    const { body } = await events(site, { ...range, format: 'xlsx' }).expect(400);
    assert.deepEqual([body.code, body.message], ['validation_failed', 'format must be one of json, csv']);
  });
});

/** RFC 4180 as ClickHouse writes it: quoted cells with doubled quotes, bare numbers, a newline per row. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let cell = '';
    if (text[at] === '"') {
      for (at++; !(text[at] === '"' && text[at + 1] !== '"'); at++)
        cell += text[at] === '"' ? text[at++] : text[at];
      at++;
    } else {
      while (at < text.length && text[at] !== ',' && text[at] !== '\n') cell += text[at++];
    }
    row.push(cell);
    if (text[at++] === '\n') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
