import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { waitUntil } from '@sluice/services';
import { DEMO_SITE_IDENTITY } from '@sluice/traffic';
import { addDays, localDateOf } from '../src/common/calendar.js';
import type { DemoSiteStatus } from '../src/demo/demo-site-status.js';
import { LiveDemoTraffic } from '../src/demo/live-demo-traffic.js';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { newSignedInUser, startSignedInApp, type TestStores } from './harness.js';
import { seedVisits } from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
});
after(() => stop?.());

const DEMO_EVENTS = 6_000;
const HOUR_MS = 3_600_000;
/** How far ahead the test writes the demo's live traffic: the job's own runs (every 15 s) add nothing meanwhile. */
let liveUntil: Date;
const today = () => new Date().toISOString().slice(0, 10);

const get = async <T>(path: string, as = token, status = 200): Promise<T> =>
  (await http.get(`/api/${path}`).set('authorization', `Bearer ${as}`).expect(status)).body as T;

/**
 * What the demo site's rows hold (those before `until` where given), counted from the raw events as reports
 * count them (bots left out, copies once).
 */
async function rawTruth(siteId: number, until?: string) {
  const [truth] = await stores.query<{ rows: string; visitors: string; visits: string; pageviews: string }>(
    `SELECT toString(count()) AS rows,
       toString(uniqExactIf(visitor_id, is_bot = 0)) AS visitors,
       toString(uniqExactIf(session_id, is_bot = 0)) AS visits,
       toString(uniqExactIf(event_id, is_bot = 0 AND name = 'pageview')) AS pageviews
     FROM events WHERE site_id = ${siteId}
       ${until ? `AND ts < toDateTime('${until.slice(0, 19).replace('T', ' ')}', 'UTC')` : ''}`,
  );
  return truth;
}

describe('a demo site', () => {
  let status: DemoSiteStatus;
  before(async () => {
    // Another site's month, finalized up to 3 days ago: the demo's rows land in days already finalized.
    const { body: other } = await http
      .post('/api/sites')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Live', domain: 'live.test' })
      .expect(201);
    await stores.insertEvents(
      seedVisits(31, other.id as number, `${addDays(today(), -20)} 00:00:00`, `${today()} 00:00:00`, 200),
    );
    await app.get(VisitFinalizer).finalize(new Date());
    ({ body: status } = await http
      .post('/api/sites/demo')
      .set('authorization', `Bearer ${token}`)
      .send({ events: DEMO_EVENTS })
      .expect(202));
    // One at a time: a second while the first is written is refused.
    const { body: refused } = await http
      .post('/api/sites/demo')
      .set('authorization', `Bearer ${token}`)
      .send({ events: DEMO_EVENTS })
      .expect(409);
    assert.match(refused.message, /a demo site is being written/);
    await waitUntil(
      'the demo site is written',
      async () => {
        status = await get<DemoSiteStatus>(`sites/${status.siteId}/demo`);
        return status.stage === 'ready' || status.stage === 'failed';
      },
      { timeoutMs: 120_000 },
    );
    liveUntil = new Date(Date.now() + 2 * HOUR_MS);
    await app.get(LiveDemoTraffic).writeUpTo(liveUntil);
  });

  test('is a site of its own, with its months written, four goals, two annotations, two segments, a flag and a dashboard', async () => {
    assert.equal(status.stage, 'ready', String(status.error));
    const site = await get<{ name: string; domain: string; timezone: string; privacyMode: string }>(
      `sites/${status.siteId}`,
    );
    assert.deepEqual(
      { name: site.name, domain: site.domain, timezone: site.timezone, privacyMode: site.privacyMode },
      {
        name: DEMO_SITE_IDENTITY.name,
        domain: DEMO_SITE_IDENTITY.domain,
        timezone: DEMO_SITE_IDENTITY.timezone,
        // Its visitors return across days: followed as a persistent site's are.
        privacyMode: 'persistent',
      },
    );
    const truth = await rawTruth(status.siteId, status.until);
    // The rows after now are left out of the last day: fewer than asked, all of them counted.
    assert.ok(status.rows > DEMO_EVENTS * 0.8 && status.rows <= DEMO_EVENTS, `${status.rows} rows`);
    assert.equal(status.rowsWritten, status.rows);
    assert.equal(Number(truth.rows), status.rows);
    const goals = await get<Array<{ name: string }>>(`sites/${status.siteId}/goals`);
    assert.deepEqual(goals.map(({ name }) => name).sort(), [
      'Purchased',
      'Read a blog post',
      'Saw pricing',
      'Signed up',
    ]);
    // On days of the demo's own, in its time zone: 18 and 6 days before its today.
    const today = localDateOf(Date.parse(status.until), DEMO_SITE_IDENTITY.timezone);
    const annotations = await get<Array<{ date: string; text: string }>>(
      `sites/${status.siteId}/annotations`,
    );
    assert.deepEqual(
      annotations.map(({ date, text }) => [date, text]),
      [
        [addDays(today, -18), 'New checkout page deployed'],
        [addDays(today, -6), 'Summer catalogue published'],
      ],
    );
    const segments = await get<Array<{ name: string; filters: string[] }>>(`sites/${status.siteId}/segments`);
    assert.deepEqual(
      segments.map(({ name, filters }) => [name, filters]),
      [
        ['Mobile visitors from Germany', ['country:DE', 'device:mobile']],
        ['Paid traffic', ['channel:paid']],
      ],
    );
    const flags = await get<Array<{ key: string; enabled: boolean; variants: Array<{ key: string }> }>>(
      `sites/${status.siteId}/flags`,
    );
    assert.deepEqual(
      flags.map(({ key, enabled, variants }) => [key, enabled, variants.map((variant) => variant.key)]),
      [['new-checkout', true, ['control', 'one-step']]],
    );
    // Its cart page read the flag all along, under both variants (how much more one-step's buy shows over the
    // demo's full size: its Flags page, ops/test/panel-demo.test.ts).
    const purchased = goals.find(({ name }) => name === 'Purchased') as unknown as { id: number };
    const { variants } = await get<{
      variants: Array<{ variant: string; visitors: number; conversions: number }>;
    }>(
      `sites/${status.siteId}/experiment?from=${addDays(today, -59)}&to=${today}&flag=new-checkout&goal=${purchased.id}`,
    );
    assert.deepEqual(
      variants.map(({ variant }) => variant),
      ['control', 'one-step'],
    );
    assert.ok(
      variants.every(({ visitors, conversions }) => visitors > 5 && conversions <= visitors),
      JSON.stringify(variants),
    );
    const dashboards = await get<Array<{ name: string; widgets: Array<{ kind: string }> }>>(
      `sites/${status.siteId}/dashboards`,
    );
    assert.deepEqual(
      dashboards.map(({ name, widgets }) => [name, widgets.map(({ kind }) => kind).join(' ')]),
      [['The shop at a glance', 'metrics chart breakdown breakdown breakdown breakdown funnel']],
    );
  });

  test("reports count every row, the finalized days' too (written again with the demo's rows)", async () => {
    const finalized = await stores.query<{ days: string }>(
      `SELECT toString(uniqExact(day)) AS days FROM visits WHERE site_id = ${status.siteId}`,
    );
    assert.ok(Number(finalized[0].days) >= 50, `${finalized[0].days} finalized days of the demo`);
    const truth = await rawTruth(status.siteId);
    // From before the demo's first local day to its last: every visit begins in the range.
    const { metrics } = await get<{ metrics: Record<string, number> }>(
      `sites/${status.siteId}/overview?from=${addDays(today(), -62)}&to=${addDays(today(), 1)}`,
    );
    assert.deepEqual(
      { visitors: metrics.visitors, visits: metrics.visits, pageviews: metrics.pageviews },
      { visitors: Number(truth.visitors), visits: Number(truth.visits), pageviews: Number(truth.pageviews) },
    );
    const countries = await get<{ rows: Array<{ metrics: Record<string, number> }> }>(
      `sites/${status.siteId}/breakdown?from=${addDays(today(), -62)}&to=${addDays(today(), 1)}&dimension=country`,
    );
    assert.ok(countries.rows.length >= 5, 'visitors come from several countries');
  });

  test('its visitors keep coming: live rows from where its months end, each moment written once', async () => {
    const [live] = await stores.query<{ rows: string; last: string }>(
      `SELECT toString(count()) AS rows, toString(max(ts)) AS last FROM events
       WHERE site_id = ${status.siteId} AND ts >= toDateTime('${status.until.slice(0, 19).replace('T', ' ')}', 'UTC')`,
    );
    assert.ok(Number(live.rows) > 0, 'rows after its months');
    assert.ok(
      `${live.last.replace(' ', 'T')}Z` < liveUntil.toISOString(),
      `none after the run's time: ${live.last}`,
    );
    const before = await rawTruth(status.siteId);
    await app.get(LiveDemoTraffic).writeUpTo(liveUntil);
    assert.deepEqual(await rawTruth(status.siteId), before, 'the same moments again: nothing more');
  });

  test('a user without the demo site finds no such site, nor its progress', async () => {
    const viewer = await newSignedInUser(http, token, { email: 'viewer@demo.test', role: 'viewer' });
    await get(`sites/${status.siteId}/demo`, viewer, 404);
    await get(`sites/${status.siteId}/overview?from=${today()}&to=${today()}`, viewer, 404);
  });

  test('only an admin adds one, and the size is checked', async () => {
    const viewer = await newSignedInUser(http, token, { email: 'viewer2@demo.test', role: 'viewer' });
    await http
      .post('/api/sites/demo')
      .set('authorization', `Bearer ${viewer}`)
      .send({ events: DEMO_EVENTS })
      .expect(403);
    const { body: unsized } = await http
      .post('/api/sites/demo')
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(400);
    assert.match(JSON.stringify(unsized), /events must be a whole number/);
    const { body } = await http
      .post('/api/sites/demo')
      .set('authorization', `Bearer ${token}`)
      .send({ events: 10 })
      .expect(400);
    assert.match(JSON.stringify(body), /events must be at least 1000/);
  });
});
