/**
 * Replays don't inflate, and each event lands on its own day, every part real: beacons → the edge
 * (nginx, on a wall clock set to the story's moments: edge/test/shifted-clock.c) → NDJSON → the shipper
 * → ClickHouse 18.16 → the backend's reports API. The tracker's ids decide what is one event and one
 * visit (the session id); the age each event is sent with (wire key `a`) decides its time, day and salt.
 *
 * The story, in the edge's time (UTC):
 * - browser P (address X) tracks visit S1 at 21:00 on 2026-11-20 and sends it; (a) the response is
 *   lost and P sends the same batch again seconds later; (b) at 02:00 the next day, after a network
 *   change, its offline queue sends the batch once more, from address Y;
 * - browser Q (address Z) tracks visit S2 at 21:00, then visit S3 at 23:55 offline; (c) S3 waits in its
 *   queue across midnight and leaves at 02:00, with visit S4 tracked then.
 * No sleep makes anything old: each event's age says how long it waited.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type { WireEvent } from '@sluice/config';
import { shiftedClockEnvironment, startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { startShipperProcess } from '@sluice/pipeline';
import { waitUntil, type ManagedProcess } from '@sluice/services';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { OWNER, signIn, startTestStores, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let shipper: ManagedProcess;
let edge: (RunningEdge & { eventsLog: string }) | undefined;
/** The running edge's wall clock minus the real one, in milliseconds (whole seconds). */
let edgeClockShift = 0;

const { report, newSite } = reportClient(
  () => http,
  () => token,
);

let site: number;
let siteKey: string;
/** A site of its own for the marker that proves everything before it landed. */
let markerKey: string;

const X = '198.51.100.7';
const Y = '203.0.113.9';
const Z = '192.0.2.44';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), ['error', 'fatal']);
  await app.init();
  http = request(app.getHttpServer());
  token = await signIn(http, OWNER);
  site = await newSite('replay.test', 'UTC');
  const sites = (await http.get('/api/sites').set('authorization', `Bearer ${token}`).expect(200)).body;
  siteKey = sites.find(({ id }: { id: number }) => id === site).siteKey;
  markerKey = sites.find(({ id }: { id: number }) => id !== site).siteKey;
  shipper = startShipperProcess({
    inputDir: join(stores.dir, 'edge', 'events'),
    stateDir: join(stores.dir, 'shipper'),
    logFile: join(stores.dir, 'shipper.log'),
    clickhouse: stores.ingest,
    batchMaxWaitMs: 20,
  });
});

after(async () => {
  await edge?.stop();
  await shipper?.stop();
  await app?.close();
  await stores?.stop();
});

/**
 * (Re)starts the edge with its wall clock at `moment` (UTC); its salts and NDJSON file stay where they
 * were, as across a restart.
 */
async function edgeAt(moment: string): Promise<void> {
  await edge?.stop();
  const shiftSeconds = Math.round((Date.parse(`${moment}Z`) - Date.now()) / 1000);
  edgeClockShift = shiftSeconds * 1000;
  // Started as root, the edge's workers run as root too: the sites file is the edge's group's only (0640).
  const root = process.getuid?.() === 0;
  edge = await startLoopbackEdge(join(stores.dir, 'edge'), [], {
    sitesFile: stores.sitesFile,
    eventsFlushMs: 20,
    environment: shiftedClockEnvironment(stores.dir, shiftSeconds),
    ...(root && { workerUser: { user: 'root', group: 'root' } }),
  });
}

/** An event as the tracker keeps it: when it was tracked (the edge's time, UTC) and its wire fields. */
type Tracked = [trackedAt: string, event: WireEvent];

/** Half past the second: the edge's time at arrival may run a few milliseconds either way of the sender's. */
const at = (time: string) => Date.parse(`${time}.500Z`);

const pageview = (time: string, session: string, path: string): Tracked => [
  time,
  { id: randomUUID().replaceAll('-', ''), n: 'pageview', u: `https://replay.test${path}`, sid: session },
];

/**
 * Sends a batch from `address` as the tracker does: each event with its age now, on the edge's clock
 * (the browser's clock agrees with it).
 */
async function send(
  batch: Tracked[],
  address: string,
  userAgent: string,
  key = siteKey,
  /** More age than the events have: a slow send that the edge dates that much earlier. */
  extraAgeMs = 0,
): Promise<void> {
  const now = Date.now() + edgeClockShift;
  const response = await fetch(`${edge!.url}/telemetry/e`, {
    method: 'POST',
    body: JSON.stringify({
      s: key,
      e: batch.map(([time, event]) => ({ ...event, a: now - at(time) + extraAgeMs })),
    }),
    headers: { 'x-forwarded-for': address, 'user-agent': userAgent },
  });
  assert.equal(response.status, 204, await response.text());
}

/** Waits until ClickHouse holds a marker sent after everything else: the edge and the shipper keep order. */
async function landed(): Promise<void> {
  const marker = `marker-${randomUUID()}`;
  const moment = new Date(Date.now() + edgeClockShift).toISOString().slice(0, 19);
  await send([[moment, { n: marker, u: 'https://marker.test/' }]], X, CHROME, markerKey);
  await waitUntil(
    'the marker in ClickHouse',
    async () => (await stores.query(`SELECT 1 FROM events WHERE name = '${marker}'`)).length === 1,
    { timeoutMs: 60_000 },
  );
}

const linesWritten = () =>
  readFileSync(edge!.eventsLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"site_id":${site},`)).length;

test('a resend from the same browser, one from another address hours later and a batch held across midnight add nothing, each event on its own day', async () => {
  const s1: Tracked[] = [
    pageview('2026-11-20T21:00:00', 'S1', '/pricing'),
    pageview('2026-11-20T21:00:01', 'S1', '/docs'),
    [
      '2026-11-20T21:00:02',
      { id: randomUUID().replaceAll('-', ''), n: 'signup', u: 'https://replay.test/docs', sid: 'S1' },
    ],
  ];
  const s2 = [pageview('2026-11-20T21:00:03', 'S2', '/pricing')];
  const s3 = [
    pageview('2026-11-20T23:55:00', 'S3', '/blog'),
    pageview('2026-11-20T23:56:00', 'S3', '/pricing'),
  ];
  const s4 = [pageview('2026-11-21T02:00:00', 'S4', '/pricing')];

  await edgeAt('2026-11-20T21:00:05');
  await send(s1, X, CHROME);
  await send(s2, Z, FIREFOX);
  // (a) the first answer was lost: the same batch again, seconds later, from the same browser.
  await send(s1, X, CHROME);
  // (d) and again on a slow network: the edge dates its copies a second earlier than the first ones.
  await send(s1, X, CHROME, siteKey, 1000);

  await edgeAt('2026-11-21T02:00:05');
  // (b) five hours later, from another network.
  await send(s1, Y, CHROME);
  // (c) held in Q's queue across midnight, sent with what Q tracks now.
  await send([...s3, ...s4], Z, FIREFOX);
  await landed();
  // At least once, and visibly so: every copy was written, and stored.
  assert.equal(linesWritten(), 3 + 1 + 3 + 3 + 3 + 3);

  const both = { from: '2026-11-20', to: '2026-11-21' };
  const overview = await report(site, 'overview', both).expect(200);
  assert.deepEqual(
    [overview.body.source, overview.body.metrics],
    [
      'rollup',
      {
        // P; Q on the 20th (S2 and S3: one salt, one address); Q on the 21st, under the new day's salt.
        visitors: 3,
        visits: 4,
        pageviews: 6,
        events: 7,
        views_per_visit: 1.5,
        bounce_rate: 50,
        // S1 lasts 2 s, S3 60 s: (2 + 0 + 60 + 0) / 4.
        visit_duration: 16,
      },
    ],
  );

  const metrics = 'visitors,visits,pageviews,events';
  const daily = await report(site, 'timeseries', { ...both, interval: 'day', metrics }).expect(200);
  assert.deepEqual(daily.body.points, [
    { bucket: '2026-11-20', metrics: { visitors: 2, visits: 3, pageviews: 5, events: 6 } },
    { bucket: '2026-11-21', metrics: { visitors: 1, visits: 1, pageviews: 1, events: 1 } },
  ]);

  const pages = await report(site, 'breakdown', { ...both, dimension: 'page' }).expect(200);
  assert.deepEqual(
    pages.body.rows.map(({ value, metrics }: { value: string; metrics: object }) => [value, metrics]),
    [
      ['/pricing', { visitors: 3, visits: 4, pageviews: 4 }],
      ['/blog', { visitors: 1, visits: 1, pageviews: 1 }],
      ['/docs', { visitors: 1, visits: 1, pageviews: 1 }],
    ],
  );

  const names = await report(site, 'breakdown', { ...both, dimension: 'event_name' }).expect(200);
  assert.deepEqual(
    names.body.rows.map(({ value, metrics }: { value: string; metrics: object }) => [value, metrics]),
    [
      ['pageview', { visitors: 3, visits: 4, pageviews: 6 }],
      ['signup', { visitors: 1, visits: 1, pageviews: 0 }],
    ],
  );

  // The raw events, each once, at the moment it was tracked.
  const explored = await report(site, 'events', { ...both, limit: 100 }).expect(200);
  assert.deepEqual(
    explored.body.events.map((event: { ts: string; name: string; pathname: string; session_id: string }) => [
      event.ts,
      event.session_id,
      event.name,
      event.pathname,
    ]),
    [
      ['2026-11-21 02:00:00', 'S4', 'pageview', '/pricing'],
      ['2026-11-20 23:56:00', 'S3', 'pageview', '/pricing'],
      ['2026-11-20 23:55:00', 'S3', 'pageview', '/blog'],
      ['2026-11-20 21:00:03', 'S2', 'pageview', '/pricing'],
      ['2026-11-20 21:00:02', 'S1', 'signup', '/docs'],
      ['2026-11-20 21:00:01', 'S1', 'pageview', '/docs'],
      ['2026-11-20 21:00:00', 'S1', 'pageview', '/pricing'],
    ],
  );
});
