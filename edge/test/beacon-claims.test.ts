/**
 * Beacons that claim too much, and bots told by their headers, on the real edge: each flagged or
 * dropped by its site's bot policy and counted with its reason, which the panel's ingest health shows.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { waitUntil } from '@sluice/services';
import { EdgeHarness, SITE, requestFrom, writeSites } from './edge-harness';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const BROWSER = { 'user-agent': CHROME, accept: '*/*', 'accept-language': 'en-US,en;q=0.9' };

const flagging = { ...SITE, id: 21, key: 'flagging-key' };
const dropping = { ...SITE, id: 22, key: 'dropping-key', botPolicy: 'drop' as const };
const persistent = { ...SITE, id: 23, key: 'persistent-key', privacyMode: 'persistent' as const };
const persistentDropping = {
  ...persistent,
  id: 24,
  key: 'persistent-dropping-key',
  botPolicy: 'drop' as const,
};
const withOrigins = { ...SITE, id: 25, key: 'origins-key', allowedOrigins: ['http://app.local:8080'] };
const headers = { ...SITE, id: 26, key: 'headers-key' };
const crawlerDropping = { ...dropping, id: 27, key: 'crawler-dropping-key' };

let harness: EdgeHarness;
before(async () => {
  harness = new EdgeHarness();
  writeSites(join(harness.dir, 'sites.json'), [
    SITE,
    flagging,
    dropping,
    persistent,
    persistentDropping,
    withOrigins,
    headers,
    crawlerDropping,
  ]);
  const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
  await harness.start({ rateLimit: unlimited });
});
after(async () => {
  assert.deepEqual(harness.errorLines(), []);
  await harness.stop();
});

/** The site's bot series as `kind action count`, sorted (one worker: its own counts are served). */
async function botCounts(siteId: number): Promise<string[]> {
  const text = await (await fetch(harness.edge.metricsUrl)).text();
  const series = new RegExp(
    `^sluice_edge_site_bot_events_total\\{site="${siteId}",kind="(\\w+)",action="(\\w+)"\\} (\\d+)$`,
    'gm',
  );
  return [...text.matchAll(series)].map(([, kind, action, count]) => `${kind} ${action} ${count}`).sort();
}

const pages = (key: string, urls: string[], extra: Record<string, unknown> = {}) => ({
  s: key,
  e: urls.map((u, i) => ({ n: `page-${i}`, u, ...extra })),
});

const HOSTS = [
  'https://shop.test/',
  'https://WWW.Shop.test/pricing',
  'https://evil.test/',
  // A host that only ends like the domain, and one that starts like it: neither is the site's.
  'https://notshop.test/',
  'https://shop.test.evil.test/',
];

test("a page on another host than the site's is flagged, or dropped by the site's policy", async () => {
  assert.equal((await harness.post(pages(flagging.key, HOSTS), BROWSER)).status, 204);
  assert.equal((await harness.post(pages(dropping.key, HOSTS), BROWSER)).status, 204);
  // With an invalid event beside them, the dropped ones are answered as accepted: a bot learns nothing.
  const mixed = await harness.post(
    {
      s: dropping.key,
      e: [
        { n: 'page', u: 'https://evil.test/' },
        { n: 'page', u: 'nope' },
      ],
    },
    BROWSER,
  );
  assert.deepEqual(
    [mixed.status, await mixed.json()],
    [400, { error: 'invalid_events', accepted: 1, rejected: [{ index: 1, error: 'bad_url' }] }],
  );
  const rows = await harness.newRows(HOSTS.length + 2);
  assert.deepEqual(
    rows.map((row) => [row.site_id, row.hostname, row.is_bot]),
    [
      [flagging.id, 'shop.test', 0],
      [flagging.id, 'www.shop.test', 0],
      [flagging.id, 'evil.test', 1],
      [flagging.id, 'notshop.test', 1],
      [flagging.id, 'shop.test.evil.test', 1],
      [dropping.id, 'shop.test', 0],
      [dropping.id, 'www.shop.test', 0],
    ],
  );
  assert.deepEqual(await botCounts(flagging.id), ['foreign_hostname flagged 3']);
  assert.deepEqual(await botCounts(dropping.id), ['foreign_hostname dropped 4']);
});

test("an allowed origin's host is the site's too", async () => {
  const beacon = pages(withOrigins.key, ['http://app.local:8080/home', 'https://other.test/']);
  const response = await harness.post(beacon, { ...BROWSER, origin: 'http://app.local:8080' });
  assert.equal(response.status, 204);
  const rows = await harness.newRows(2);
  assert.deepEqual(
    rows.map((row) => [row.hostname, row.is_bot]),
    [
      ['app.local', 0],
      ['other.test', 1],
    ],
  );
});

/** A visitor id as the tracker mints them: 32 hex digits. */
const visitorId = (n: number) => n.toString(16).padStart(32, 'a');

/** Waits until the current minute has `seconds` left, so a test's beacons share one window of the bound. */
async function withSecondsLeftInMinute(seconds: number): Promise<void> {
  await waitUntil(
    `a minute with ${seconds} s left`,
    () => Promise.resolve(60 - new Date().getUTCSeconds() > seconds),
    {
      timeoutMs: (seconds + 5) * 1000,
    },
  );
}

/** Beacons from one address, one event per visitor id. */
async function idsFrom(address: string, key: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 50) {
    const events = ids.slice(start, start + 50).map((v) => ({ n: 'pageview', u: 'https://shop.test/', v }));
    const answer = await requestFrom(`${harness.edge.url}/telemetry/e`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...BROWSER },
      body: JSON.stringify({ s: key, e: events }),
      from: address,
    });
    assert.equal(answer.status, 204, answer.body);
  }
}

test('in persistent mode one address brings at most 60 visitor ids a minute; the rest are flagged or dropped', async () => {
  await withSecondsLeftInMinute(20);
  const first60 = Array.from({ length: 60 }, (_, i) => visitorId(i));
  await idsFrom('127.0.5.1', persistent.key, [...first60, visitorId(60), visitorId(61), visitorId(0)]);
  // Another address has a bound of its own.
  await idsFrom('127.0.5.2', persistent.key, [visitorId(62)]);
  // A site that drops bots drops what passes the bound.
  await idsFrom('127.0.5.1', persistentDropping.key, [...first60, visitorId(60)]);
  const rows = await harness.newRows(63 + 1 + 60);
  assert.deepEqual(
    rows.map((row) => `${row.site_id} ${row.visitor_id} ${row.is_bot}`),
    [
      ...first60.map((id) => `${persistent.id} ${id} 0`),
      `${persistent.id} ${visitorId(60)} 1`,
      `${persistent.id} ${visitorId(61)} 1`,
      // An id the address brought before is no new one.
      `${persistent.id} ${visitorId(0)} 0`,
      `${persistent.id} ${visitorId(62)} 0`,
      ...first60.map((id) => `${persistentDropping.id} ${id} 0`),
    ],
  );
  assert.deepEqual(await botCounts(persistent.id), ['too_many_visitors flagged 2']);
  assert.deepEqual(await botCounts(persistentDropping.id), ['too_many_visitors dropped 1']);
});

test('in persistent mode the bound counts an IPv6 /64 as one client, whichever of its addresses it uses', async () => {
  await withSecondsLeftInMinute(20);
  // Through the trusted proxy (127.0.0.1), a new address of one /64 for each beacon of 20 ids.
  const ids = Array.from({ length: 61 }, (_, i) => visitorId(200 + i));
  for (let start = 0, host = 1; start < ids.length; start += 20, host++) {
    const events = ids.slice(start, start + 20).map((v) => ({ n: 'pageview', u: 'https://shop.test/', v }));
    const answer = await harness.post(
      { s: persistent.key, e: events },
      { ...BROWSER, 'x-forwarded-for': `2001:db8:77:1:${host}::${host}` },
    );
    assert.equal(answer.status, 204);
  }
  const rows = await harness.newRows(61);
  assert.deepEqual(
    rows.map((row) => row.is_bot),
    [...Array<number>(60).fill(0), 1],
  );
});

test('a cookieless site is not bounded: its visitor ids are the edge’s own hash', async () => {
  await idsFrom(
    '127.0.5.3',
    flagging.key,
    Array.from({ length: 61 }, (_, i) => visitorId(100 + i)),
  );
  const rows = await harness.newRows(61);
  assert.deepEqual(new Set(rows.map((row) => row.is_bot)), new Set([0]));
});

test('headers no browser sends together are flagged with their reason', async () => {
  const send = (requestHeaders: Record<string, string>) =>
    requestFrom(`${harness.edge.url}/telemetry/e`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...requestHeaders },
      body: JSON.stringify(pages(headers.key, ['https://shop.test/'])),
    });
  const chromeBrands = '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"';
  const cases: Record<string, string>[] = [
    // A browser's usual headers.
    { ...BROWSER, 'sec-ch-ua': chromeBrands },
    // A browser's user agent without Accept and Accept-Language.
    { 'user-agent': CHROME },
    // Chromium's client hints beside Firefox's user agent.
    { ...BROWSER, 'user-agent': FIREFOX, 'sec-ch-ua': chromeBrands },
    // Headless Chrome that hides it in its user agent but not in its client hints.
    { ...BROWSER, 'sec-ch-ua': '"HeadlessChrome";v="131", "Chromium";v="131"' },
    // An HTTP library, a listed crawler, and nothing at all.
    { 'user-agent': 'curl/8.5.0', accept: '*/*' },
    { ...BROWSER, 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
    {},
  ];
  for (const requestHeaders of cases) assert.equal((await send(requestHeaders)).status, 204);
  const rows = await harness.newRows(cases.length);
  assert.deepEqual(
    rows.map((row) => row.is_bot),
    [0, 1, 1, 1, 1, 1, 1],
  );
  assert.deepEqual(await botCounts(headers.id), [
    'automation flagged 1',
    'crawler flagged 1',
    'impossible_headers flagged 2',
    'library flagged 1',
    'no_user_agent flagged 1',
  ]);
});

test('a listed crawler on a site that drops bots gets the usual answer and is not written', async () => {
  const googlebot = {
    ...BROWSER,
    'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  };
  const response = await harness.post(
    pages(crawlerDropping.key, ['https://shop.test/', 'https://shop.test/a']),
    googlebot,
  );
  assert.equal(response.status, 204);
  await harness.newRows(0);
  assert.deepEqual(await botCounts(crawlerDropping.id), ['crawler dropped 2']);
});
