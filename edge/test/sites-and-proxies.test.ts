import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTRACT_JSON_PATH } from '@sluice/config';
import { freePort, waitUntil } from '@sluice/services';
import { renderEdgeConfig, startEdge, workerPids, type StartEdgeOptions } from '../src';
import { LUA_DIR } from '../src';
import { EdgeHarness, SITE, writeSites } from './edge-harness';

const EVENT = { n: 'pageview', u: 'https://shop.test/' };
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withEdge(
  overrides: Partial<StartEdgeOptions>,
  run: (harness: EdgeHarness) => Promise<void>,
): Promise<void> {
  const harness = await new EdgeHarness().start(overrides);
  try {
    await run(harness);
    assert.deepEqual(harness.errorLines(), [], 'the error log has no errors and names no client');
  } finally {
    await harness.stop();
  }
}

/**
 * How many read calls the edge's one worker has made (Linux's /proc/PID/io). While it serves no
 * request it reads nothing but the sites file, once a reload: two calls, its bytes and the end.
 */
function readCalls(harness: EdgeHarness): number {
  const [worker] = workerPids(harness.edge.process.pid!);
  return Number(/^syscr: (\d+)$/m.exec(readFileSync(`/proc/${worker}/io`, 'utf8'))![1]);
}

test('a site added to the sites file is served within seconds, without a reload; a broken file keeps the last set', async () => {
  await withEdge({}, async (harness) => {
    const added = { ...SITE, id: 8, key: 'site-key-eight' };
    assert.equal((await harness.post({ s: added.key, e: [EVENT] })).status, 400);
    writeSites(harness.options.sitesFile, [SITE, added, { ...SITE, id: -1, key: 'bad-id' } as typeof SITE]);
    // Refused (and not written) until the edge has read the new file.
    await waitUntil(
      'the added site served',
      async () => (await harness.post({ s: added.key, e: [EVENT] })).status === 204,
      { timeoutMs: 6000 },
    );
    const [row] = await harness.newRows(1);
    assert.equal(row.site_id, 8);
    assert.equal(
      (await harness.post({ s: 'bad-id', e: [EVENT] })).status,
      400,
      'an entry with a bad id is skipped alone',
    );

    writeFileSync(harness.options.sitesFile, '{ not json');
    const warnings = () =>
      readFileSync(harness.edge.errorLog, 'utf8')
        .split('\n')
        .filter((line) => line.includes('sites file'));
    await waitUntil('the warning about the broken file', async () => warnings().length > 0, {
      timeoutMs: 6000,
    });
    const reads = readCalls(harness);
    await waitUntil('two more reloads of the broken file', async () => readCalls(harness) >= reads + 4, {
      timeoutMs: 6000,
    });
    assert.equal(warnings().length, 1, 'one warning, not one per reload');
    assert.match(warnings()[0], /\[warn\].*not a JSON object with a sites list; keeping the last good set/);
    assert.equal((await harness.post({ s: added.key, e: [EVENT] })).status, 204);
    await harness.newRows(1);
  });
});

async function visitorIds(trustedProxies: string[], forwardedFor: string[]): Promise<string[]> {
  let ids: string[] = [];
  await withEdge({ trustedProxies }, async (harness) => {
    for (const address of forwardedFor) {
      assert.equal(
        (await harness.post({ s: SITE.key, e: [EVENT] }, { 'x-forwarded-for': address })).status,
        204,
      );
    }
    const rows = await harness.newRows(forwardedFor.length);
    assert.ok(!harness.lines().join('').includes('203.0.113.'), 'no forwarded address is written');
    ids = rows.map((row) => row.visitor_id);
  });
  return ids;
}

test("a site's allowed origins and bot policy apply to its beacons", async () => {
  const harness = new EdgeHarness();
  const guarded = { ...SITE, allowedOrigins: ['https://Shop.test'], botPolicy: 'drop' as const };
  const flagging = { ...guarded, id: 8, key: 'flagging-key', botPolicy: 'flag' as const };
  writeSites(join(harness.dir, 'sites.json'), [guarded, flagging]);
  await harness.start();
  try {
    const beacon = { s: SITE.key, e: [EVENT] };
    const fromShop = await harness.post(beacon, { origin: 'https://shop.test', 'user-agent': CHROME });
    assert.equal(fromShop.status, 204);
    assert.equal(fromShop.headers.get('access-control-allow-origin'), 'https://shop.test');
    const elsewhere = await harness.post(beacon, { origin: 'https://evil.test', 'user-agent': CHROME });
    assert.equal(elsewhere.status, 403);
    assert.deepEqual(await elsewhere.json(), { error: 'origin_not_allowed' });
    const preflight = (origin: string) =>
      fetch(`${harness.edge.url}/telemetry/e`, { method: 'OPTIONS', headers: { origin } });
    const allowed = await preflight('https://shop.test');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.test');
    const refused = await preflight('https://evil.test');
    assert.equal(refused.status, 403, 'no site accepts that origin, so neither does the preflight');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    await refused.arrayBuffer();
    // No Origin (an image request, an old browser): the Referer's origin is judged instead, and
    // neither is refused, as the site can't tell whose page sent it.
    const fromShopPage = await harness.post(beacon, {
      referer: 'https://shop.test/pricing?plan=pro',
      'user-agent': CHROME,
    });
    assert.equal(fromShopPage.status, 204);
    const fromEvilPage = await harness.post(beacon, {
      referer: 'https://evil.test/shop.test/',
      'user-agent': CHROME,
    });
    assert.equal(fromEvilPage.status, 403);
    assert.deepEqual(await fromEvilPage.json(), { error: 'origin_not_allowed' });
    const fromNowhere = await harness.post(beacon, { 'user-agent': CHROME });
    assert.equal(fromNowhere.status, 403);
    assert.deepEqual(await fromNowhere.json(), { error: 'origin_missing' });
    const bot = { origin: 'https://shop.test', 'user-agent': 'Googlebot/2.1' };
    assert.equal((await harness.post(beacon, bot)).status, 204, 'a dropped bot gets the usual answer');
    // The same bot on a site that flags bots: written, and marked.
    assert.equal((await harness.post({ s: flagging.key, e: [EVENT] }, bot)).status, 204);
    const rows = await harness.newRows(3);
    assert.deepEqual(
      rows.map((row) => [row.site_id, row.is_bot]),
      [
        [guarded.id, 0],
        [guarded.id, 0],
        [flagging.id, 1],
      ],
      'the foreign origin and the dropped bot were not written',
    );
    const metrics = await (await fetch(harness.edge.metricsUrl)).text();
    assert.match(metrics, /^sluice_edge_events_dropped_total\{reason="bot"\} 1$/m);
    assert.match(
      metrics,
      /^sluice_edge_site_events_rejected_total\{site="7",reason="origin_not_allowed"\} 2$/m,
    );
    assert.match(metrics, /^sluice_edge_site_events_rejected_total\{site="7",reason="origin_missing"\} 1$/m);
  } finally {
    await harness.stop();
  }
});

test("a site's blocked addresses: their events dropped unseen, answered as any beacon's, counted for the site", async () => {
  const harness = new EdgeHarness();
  const blocking = { ...SITE, blockedAddresses: ['203.0.113.0/24', '2001:db8:1::/48', '198.51.100.7'] };
  writeSites(join(harness.dir, 'sites.json'), [blocking]);
  await harness.start();
  try {
    const beacon = { s: SITE.key, e: [EVENT, EVENT] };
    const from = async (address: string) =>
      (await harness.post(beacon, { 'x-forwarded-for': address, 'user-agent': CHROME })).status;
    for (const blocked of ['203.0.113.9', '2001:db8:1:ff::1', '198.51.100.7', '::ffff:203.0.113.200'])
      assert.equal(await from(blocked), 204, `${blocked}: the usual answer`);
    for (const open of ['198.51.100.8', '2001:db8:2::1', '192.0.2.1']) assert.equal(await from(open), 204);
    const rows = await harness.newRows(6);
    assert.equal(rows.length, 6, "only the three open addresses' two events each");
    const metrics = await (await fetch(harness.edge.metricsUrl)).text();
    assert.match(metrics, /^sluice_edge_events_dropped_total\{reason="blocked_address"\} 8$/m);
    assert.match(
      metrics,
      new RegExp(
        `^sluice_edge_site_events_rejected_total\\{site="${SITE.id}",reason="blocked_address"\\} 8$`,
        'm',
      ),
    );
    assert.deepEqual(harness.errorLines(), [], 'nothing logged, no address named');
  } finally {
    await harness.stop();
  }
});

test("a site's blocked countries and pages: events from there or on them dropped unseen, the batch's others kept", async () => {
  const harness = new EdgeHarness();
  const blockedPages = ['/admin/**', '/preview/*', '/*.pdf'];
  writeSites(join(harness.dir, 'sites.json'), [{ ...SITE, blockedCountries: ['US', 'FR'], blockedPages }]);
  await harness.start();
  try {
    // 8.8.8.8 is in the United States, 2a00:1450:4001:82b::200e in Germany (the shipped database); 10.1.2.3 nowhere.
    for (const address of ['8.8.8.8', '2a00:1450:4001:82b::200e', '10.1.2.3'])
      assert.equal(
        (await harness.post({ s: SITE.key, e: [EVENT] }, { 'x-forwarded-for': address })).status,
        204,
      );
    assert.deepEqual(
      (await harness.newRows(2)).map((row) => row.country),
      ['DE', ''],
    );
    // The reports' wildcards: `*` within a segment, `**` across; a page's query string is not its path.
    const on = (path: string) => ({ ...EVENT, u: `https://shop.test${path}` });
    const pages = [
      '/admin/users/7?tab=2',
      '/pricing',
      '/preview/draft',
      '/preview/a/b',
      '/guide.pdf',
      '/docs/guide.pdf',
    ];
    assert.equal((await harness.post({ s: SITE.key, e: pages.map(on) })).status, 204);
    assert.deepEqual(
      (await harness.newRows(3)).map((row) => row.pathname),
      ['/pricing', '/preview/a/b', '/docs/guide.pdf'],
    );
    // Beside an invalid event, a blocked page's is answered as accepted, as a dropped bot's is.
    const mixed = await harness.post({ s: SITE.key, e: [on('/admin'), on('/admin/'), { n: 'pageview' }] });
    assert.equal(mixed.status, 400);
    assert.deepEqual(await mixed.json(), {
      error: 'invalid_events',
      accepted: 2,
      rejected: [{ index: 2, error: 'missing_url' }],
    });
    assert.deepEqual(
      (await harness.newRows(1)).map((row) => row.pathname),
      ['/admin'],
    );
    const metrics = await (await fetch(harness.edge.metricsUrl)).text();
    assert.match(metrics, /^sluice_edge_events_dropped_total\{reason="blocked_country"\} 1$/m);
    assert.match(metrics, /^sluice_edge_events_dropped_total\{reason="blocked_page"\} 4$/m);
    assert.match(
      metrics,
      new RegExp(
        `^sluice_edge_site_events_rejected_total\\{site="${SITE.id}",reason="blocked_page"\\} 4$`,
        'm',
      ),
    );
  } finally {
    await harness.stop();
  }
});

test("privacy mode: persistent sites keep the tracker's anonymous id, cookieless ones never do", async () => {
  const harness = new EdgeHarness();
  const persistent = { ...SITE, privacyMode: 'persistent' as const };
  const cookieless = { ...SITE, id: SITE.id + 1, key: 'cookieless-key' };
  writeSites(join(harness.dir, 'sites.json'), [persistent, cookieless]);
  await harness.start();
  try {
    const clientId = 'c0ffee'.padEnd(32, '0');
    const events = [
      { ...EVENT, v: clientId },
      { ...EVENT, v: clientId.toUpperCase() },
      { ...EVENT, v: 'short' },
      EVENT,
    ];
    assert.equal((await harness.post({ s: persistent.key, e: events })).status, 204);
    assert.equal((await harness.post({ s: cookieless.key, e: [{ ...EVENT, v: clientId }] })).status, 204);
    const rows = await harness.newRows(5);
    const [kept, upper, short, none, ignored] = rows.map((row) => row.visitor_id);
    assert.equal(kept, clientId);
    assert.match(none, /^[0-9a-f]{32}$/);
    assert.notEqual(none, clientId);
    assert.deepEqual([upper, short], [none, none], 'a malformed id falls back to the salted hash');
    assert.notEqual(ignored, clientId, 'a cookieless site hashes whatever the tracker sent');
  } finally {
    await harness.stop();
  }
});

test('past its rate limit an address gets 429 with a code, others are unaffected, and nothing is written', async () => {
  await withEdge({ rateLimit: { perSecond: 1, burst: 2 } }, async (harness) => {
    const beacon = { s: SITE.key, e: [EVENT] };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await harness.post(beacon, { 'x-forwarded-for': '203.0.113.7' });
      statuses.push(response.status);
      if (response.status === 429) assert.deepEqual(await response.json(), { error: 'rate_limited' });
      else await response.arrayBuffer();
    }
    // One request may slip in as the second passes; at least three are refused.
    assert.deepEqual(statuses.slice(0, 3), [204, 204, 204]);
    assert.ok(statuses.filter((status) => status === 429).length >= 2, String(statuses));
    const other = await harness.post(beacon, { 'x-forwarded-for': '203.0.113.8' });
    assert.equal(other.status, 204);
    await harness.newRows(statuses.filter((status) => status === 204).length + 1);
  });
});

test('the limits count an IPv6 /64 as one client, whatever its addresses; an IPv4-mapped address as its IPv4 one', async () => {
  await withEdge({ rateLimit: { perSecond: 1, burst: 2 } }, async (harness) => {
    const beacon = { s: SITE.key, e: [EVENT] };
    const statuses = async (addresses: string[]) => {
      const answers: number[] = [];
      for (const address of addresses) {
        const response = await harness.post(beacon, { 'x-forwarded-for': address });
        await response.arrayBuffer();
        answers.push(response.status);
      }
      return answers;
    };
    const refused = (answers: number[]) => answers.filter((status) => status === 429).length;
    // One subscriber's /64, a new address for each beacon (before: every one of them 204).
    const rotating = await statuses(
      ['::1', '::2', '::a', ':ffff:0:0:1', ':dead:beef:0:7', '::6'].map((i) => `2001:db8:5:6${i}`),
    );
    assert.deepEqual(rotating.slice(0, 3), [204, 204, 204]);
    assert.ok(refused(rotating) >= 2, String(rotating));
    // The next /64 is someone else's.
    assert.deepEqual(await statuses(['2001:db8:5:7::1']), [204]);
    // An IPv4 address written as IPv4-mapped IPv6 is that address; its neighbour is someone else.
    const v4 = '198.51.100.9';
    const mapped = await statuses([`::ffff:${v4}`, v4, `::ffff:${v4}`, v4, `::ffff:${v4}`]);
    assert.deepEqual(mapped.slice(0, 3), [204, 204, 204]);
    assert.ok(refused(mapped) >= 1, String(mapped));
    assert.deepEqual(await statuses(['198.51.100.10', '::ffff:198.51.100.11']), [204, 204]);
    await harness.newRows(6 - refused(rotating) + 1 + 5 - refused(mapped) + 2);
  });
});

/**
 * The least and the most the sum of a Prometheus histogram's observations can be, from its buckets:
 * each observation counted in the bucket `le` is above the bucket before's bound and at most `le`.
 */
function histogramBounds(text: string, family: string, route: string): [number, number] {
  const buckets = [
    ...text.matchAll(new RegExp(`^${family}_bucket\\{route="${route}",le="([^"]+)"\\} (\\S+)$`, 'gm')),
  ]
    .map(([, le, count]) => ({ le: le === '+Inf' ? Infinity : Number(le), count: Number(count) }))
    .sort((a, b) => a.le - b.le);
  let [low, high, below, bound] = [0, 0, 0, 0];
  for (const { le, count } of buckets) {
    const inBucket = count - below;
    low += inBucket * bound;
    if (inBucket > 0) high += inBucket * le;
    [below, bound] = [count, le];
  }
  return [low, high];
}

/** A beacon whose body arrives `delayMs` after its headers: a request that takes about that long. */
function slowBeacon(url: string, body: string, delayMs: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/telemetry/e`,
      { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)) } },
      (response) => response.resume().on('end', () => resolve(response.statusCode)),
    );
    outgoing.on('error', reject);
    outgoing.flushHeaders();
    void sleep(delayMs).then(() => outgoing.end(body));
  });
}

test('metrics: requests by route and status, latency, events accepted and refused by reason', async () => {
  await withEdge({}, async (harness) => {
    const good = { n: 'pageview', u: 'https://shop.test/' };
    const slow = JSON.stringify({ s: SITE.key, e: [good, good] });
    assert.equal(await slowBeacon(harness.edge.url, slow, 400), 204);
    const mixed = await harness.post({ s: SITE.key, e: [good, { n: 'x' }, { n: 'y', u: 'nope' }] });
    assert.equal(mixed.status, 400);
    assert.equal((await harness.post('{oops')).status, 400);
    assert.equal((await harness.post({ s: 'no-such-site', e: [good] })).status, 400);
    assert.equal((await fetch(`${harness.edge.url}/telemetry/s.js`)).status, 200);
    // One worker: the metrics it serves include its own counts up to the request before.
    const response = await fetch(harness.edge.metricsUrl);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    assert.equal(value('sluice_edge_events_accepted_total'), 3);
    assert.equal(value('sluice_edge_events_rejected_total{reason="missing_url"}'), 1);
    assert.equal(value('sluice_edge_events_rejected_total{reason="bad_url"}'), 1);
    assert.equal(value('sluice_edge_requests_rejected_total{reason="bad_json"}'), 1);
    assert.equal(value('sluice_edge_requests_rejected_total{reason="unknown_site"}'), 1);
    // The same, per site, where the site is known (a batch of an unknown site, or unreadable, is nobody's).
    assert.equal(value(`sluice_edge_site_events_accepted_total{site="${SITE.id}"}`), 3);
    assert.equal(value(`sluice_edge_site_events_rejected_total{site="${SITE.id}",reason="missing_url"}`), 1);
    assert.equal(value(`sluice_edge_site_events_rejected_total{site="${SITE.id}",reason="bad_url"}`), 1);
    assert.equal(text.match(/^sluice_edge_site_events_\w+\{/gm)?.length, 3);
    assert.equal(value('sluice_edge_requests_total{route="collect",status="204"}'), 1);
    assert.equal(value('sluice_edge_requests_total{route="collect",status="400"}'), 3);
    assert.equal(value('sluice_edge_requests_total{route="tracker",status="200"}'), 1);
    assert.equal(value('sluice_edge_request_duration_seconds_count{route="collect"}'), 4);
    assert.equal(value('sluice_edge_request_duration_seconds_bucket{route="collect",le="+Inf"}'), 4);
    // Each request's time lies within its bucket's bounds, so the sum lies between the sums of the
    // bounds; the slow beacon (its body 400 ms after its headers) lies far above the first bucket's.
    const [low, high] = histogramBounds(text, 'sluice_edge_request_duration_seconds', 'collect');
    const sum = value('sluice_edge_request_duration_seconds_sum{route="collect"}') ?? 0;
    assert.ok(low > 0, 'a request above the first bucket');
    assert.ok(low - 1e-9 <= sum && sum <= high + 1e-9, `the sum ${sum} is within [${low}, ${high}]`);
    assert.match(text, /^# TYPE sluice_edge_request_duration_seconds histogram$/m);
    // Visitors can't reach the metrics: on the public address the path is the admin panel's.
    assert.doesNotMatch(await (await fetch(`${harness.edge.url}/metrics`)).text(), /sluice_edge/);
  });
});

const GEO_ADDRESSES = ['8.8.8.8', '2a00:1450:4001:82b::200e', '10.1.2.3'];

test("geo: the visitor's address gives country, region and city from the shipped database", async () => {
  await withEdge({}, async (harness) => {
    for (const ip of GEO_ADDRESSES) {
      assert.equal((await harness.post({ s: SITE.key, e: [EVENT] }, { 'x-forwarded-for': ip })).status, 204);
    }
    const rows = await harness.newRows(3);
    assert.deepEqual(
      rows.map((row) => [row.country, row.region, row.city]),
      [
        ['US', 'California', 'Mountain View'],
        ['DE', 'Hesse', 'Frankfurt am Main'],
        ['', '', ''],
      ],
    );
    assert.deepEqual(
      harness.filesNaming(GEO_ADDRESSES),
      [],
      'no NDJSON line, log or other file holds an address',
    );
  });
});

test('geo: a missing GEOIP_DB file is one warning at start, and events flow on without geo', async () => {
  const harness = await new EdgeHarness().start({ geoDatabase: '/nonexistent/GeoLite2-City.mmdb' });
  try {
    assert.equal(
      (await harness.post({ s: SITE.key, e: [EVENT] }, { 'x-forwarded-for': '8.8.8.8' })).status,
      204,
    );
    const [row] = await harness.newRows(1);
    assert.deepEqual([row.country, row.region, row.city], ['', '', '']);
    assert.deepEqual(harness.filesNaming(['8.8.8.8']), []);
    const warnings = readFileSync(harness.edge.errorLog, 'utf8')
      .split('\n')
      .filter((line) => line.includes('/nonexistent/GeoLite2-City.mmdb'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /\[warn\].*country, region and city stay empty/);
    assert.deepEqual(harness.errorLines(), []);
  } finally {
    await harness.stop();
  }
});

test('X-Forwarded-For from a trusted proxy tells visitors apart', async () => {
  const [a, b, a2] = await visitorIds(
    ['127.0.0.1'],
    ['203.0.113.1', '203.0.113.2', '192.0.2.99, 203.0.113.1'],
  );
  assert.notEqual(a, b);
  assert.equal(a, a2, "the proxy's own hop is the last address, the visitor's the one before it");
});

test('X-Forwarded-For from an untrusted peer is ignored', async () => {
  const [a, b] = await visitorIds(['192.0.2.10'], ['203.0.113.1', '203.0.113.2']);
  assert.equal(a, b);
});

const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("today's visitor salt is created private and kept across restarts, so ids stay stable within the day", async () => {
  await withEdge({}, async (harness) => {
    await harness.post({ s: SITE.key, e: [EVENT] });
    const [first] = await harness.newRows(1);
    const salts = join(harness.options.stateDir, 'salts');
    assert.equal(statSync(salts).mode & 0o777, 0o770);
    assert.equal(statSync(join(salts, utcDay(0))).mode & 0o777, 0o600);
    assert.equal(statSync(join(salts, utcDay(0))).size, 32);
    await harness.edge.stop();
    harness.edge = await startEdge(harness.options);
    await harness.post({ s: SITE.key, e: [EVENT] });
    const [again] = await harness.newRows(1);
    assert.equal(again.visitor_id, first.visitor_id);
  });
});

test("visitor ids are HMACs under the salt of the event's day; salts older than yesterday are destroyed", async () => {
  const harness = new EdgeHarness();
  const salts = join(harness.dir, 'state', 'salts');
  mkdirSync(salts, { recursive: true });
  const today = randomBytes(32);
  const yesterday = randomBytes(32);
  writeFileSync(join(salts, utcDay(0)), today);
  writeFileSync(join(salts, utcDay(1)), yesterday);
  writeFileSync(join(salts, utcDay(3)), randomBytes(32));
  writeFileSync(join(harness.dir, 'state', 'salt'), randomBytes(32));
  await harness.start();
  try {
    // The second event waited a day in the tracker's offline queue: it happened yesterday.
    await harness.post(
      { s: SITE.key, e: [EVENT, { ...EVENT, a: 86_400_000 }] },
      { 'user-agent': 'test-agent/1.0' },
    );
    const rows = await harness.newRows(2);
    const expected = (salt: Buffer) =>
      createHmac('sha1', salt)
        .update([SITE.id, '127.0.0.1', 'test-agent/1.0'].join('\x00'))
        .digest()
        .subarray(0, 16)
        .toString('hex');
    assert.deepEqual(
      rows.map((row) => [row.ts.slice(0, 10), row.visitor_id]),
      [
        [utcDay(0), expected(today)],
        [utcDay(1), expected(yesterday)],
      ],
    );
    assert.deepEqual(readdirSync(salts).sort(), [utcDay(1), utcDay(0)]);
    assert.ok(!existsSync(join(harness.dir, 'state', 'salt')), 'the single salt of earlier versions is gone');
  } finally {
    await harness.stop();
  }
});

test('reopenLogs makes the edge write to a fresh file after rotation', async () => {
  await withEdge({}, async (harness) => {
    await harness.post({ s: SITE.key, e: [{ ...EVENT, n: 'before' }] });
    await harness.newRows(1);
    const rotated = `${harness.options.eventsLog}.1`;
    renameSync(harness.options.eventsLog, rotated);
    const written = readFileSync(rotated, 'utf8');
    await harness.edge.reopenLogs();
    harness.logRotated();
    await harness.post({ s: SITE.key, e: [{ ...EVENT, n: 'after' }] });
    const rows = await harness.newRows(1);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['after'],
    );
    assert.equal(readFileSync(rotated, 'utf8'), written, 'nothing more went to the renamed file');
  });
});

test('/api/ is proxied to the backend', async () => {
  const port = await freePort();
  const backend = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ path: request.url, forwardedFor: request.headers['x-forwarded-for'] }));
  });
  await new Promise<void>((resolve) => backend.listen(port, '127.0.0.1', resolve));
  try {
    await withEdge({ backendUpstream: `127.0.0.1:${port}` }, async (harness) => {
      const response = await fetch(`${harness.edge.url}/api/sites?x=1`);
      assert.deepEqual(await response.json(), { path: '/api/sites?x=1', forwardedFor: '127.0.0.1' });
    });
  } finally {
    backend.close();
  }
});

/** Checks a rendered config with this machine's nginx: an OpenResty one gets the two module lines it has built in. */
function nginxTest(dir: string, conf: string, name: string): void {
  const modules = renderEdgeConfig({ ...checkOptions(dir), target: 'debian' })
    .split('\n')
    .filter((line) => line.startsWith('load_module'));
  const checked = conf.includes('load_module') ? conf : [...modules, conf].join('\n');
  const path = join(dir, name);
  // `backend` resolves only inside compose: check with a resolvable upstream.
  writeFileSync(path, checked.replace('http://backend:3000', 'http://127.0.0.1:3000'));
  execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', path, '-e', join(dir, 'error.log')], { stdio: 'pipe' });
}

function checkOptions(dir: string) {
  return {
    listenHost: '127.0.0.1',
    listenPort: 8080,
    prefix: dir,
    eventsLog: join(dir, 'events.ndjson'),
    sitesFile: join(dir, 'sites.json'),
    stateDir: dir,
    contractJson: CONTRACT_JSON_PATH,
    luaDir: LUA_DIR,
    trackerDir: dir,
    adminDir: dir,
    backendUpstream: 'backend:3000',
    trustedProxies: ['10.0.0.0/8', '::1'],
    workerProcesses: 'auto' as const,
    metricsHost: '127.0.0.1',
    metricsPort: 9145,
  };
}

test('the template renders a valid config for both Debian nginx and the OpenResty image', async () => {
  const harness = new EdgeHarness();
  try {
    const dir = harness.dir;
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    for (const target of ['debian', 'openresty'] as const) {
      const conf = renderEdgeConfig({ ...checkOptions(dir), target });
      assert.doesNotMatch(conf, /\{\{/);
      assert.equal(conf.includes('load_module'), target === 'debian');
      nginxTest(dir, conf, `${target}.conf`);
    }
    assert.match(
      renderEdgeConfig({ ...checkOptions(dir), target: 'debian', eventsFlushMs: 20 }),
      / sluice_ndjson buffer=64k flush=20ms if=/,
      "the tests' flush interval",
    );
    assert.throws(
      () => renderEdgeConfig({ ...checkOptions(dir), target: 'debian', prefix: "/tmp/x'; evil" }),
      /characters/,
    );
    assert.throws(
      () =>
        renderEdgeConfig({
          ...checkOptions(dir),
          target: 'debian',
          adminListen: { host: '127.0.0.1', port: 8080 },
        }),
      /the beacons’ own listener/,
    );
    assert.throws(
      () => renderEdgeConfig({ ...checkOptions(dir), target: 'debian', adminServerName: 'x; include /etc' }),
      /not a host name/,
    );

    // The Docker build stage's command: flags, then EDGE_* variables, then the image's layout.
    const out = join(dir, 'cli.conf');
    const cli = join(__dirname, '..', 'src', 'render-config.js');
    const flags = [
      '--prefix',
      dir,
      '--state-dir',
      dir,
      '--contract-json',
      CONTRACT_JSON_PATH,
      '--lua-dir',
      LUA_DIR,
      '--sites-file',
      join(dir, 'sites.json'),
      '--events-log',
      join(dir, 'cli.ndjson'),
    ];
    execFileSync(process.execPath, [cli, '--target', 'openresty', '--out', out, ...flags], {
      env: {
        ...process.env,
        EDGE_TRUSTED_PROXIES: '172.16.0.0/12, 10.1.2.3',
        EDGE_RATE_LIMIT: '40',
        EDGE_CONNECTION_LIMIT: '7',
        EDGE_ADMIN_PORT: '8081',
        EDGE_ADMIN_SERVER_NAME: 'panel.example.com',
      },
    });
    const conf = readFileSync(out, 'utf8');
    for (const expected of [
      'error_log stderr warn;',
      'set_real_ip_from 172.16.0.0/12;',
      'set_real_ip_from 10.1.2.3;',
      `access_log ${join(dir, 'cli.ndjson')} sluice_ndjson buffer=64k flush=1s if=$sluice_events;`,
      'proxy_pass http://backend:3000;',
      'alias /usr/local/openresty/sluice/tracker/$1.js;',
      'listen 0.0.0.0:9145;',
      'zone=sluice_browsers:10m rate=40r/s;',
      'limit_req zone=sluice_browsers burst=500 nodelay;',
      'limit_conn sluice_connections 7;',
      'listen 0.0.0.0:8080 default_server;',
      'listen 0.0.0.0:8081;\n        server_name panel.example.com;',
      '10.1.2.3 1;',
    ]) {
      assert.ok(conf.includes(expected), expected);
    }
    nginxTest(dir, conf, 'cli.conf');
  } finally {
    await harness.stop();
  }
});
