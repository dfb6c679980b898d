import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import type { EventRow } from '@sluice/config';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { report, csv, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);

/**
 * Engagement reports of a site in America/St_Johns (UTC−3:30: 2026-11-20 there runs from 03:30 UTC to
 * 03:30 UTC the next day). Visit 1 read /a twice (hidden and shown again): its reading is the deeper
 * scroll, 80, and the sum of the times, 15 s. Visit 2 read /a once (50 %, 20 s), and its report was
 * delivered twice. Visit 3 read /b without a depth (3 s); visit 4, from Germany, read /b to the end (8 s).
 * Beside them: a bot's report and one a second before the range, which would change every answer.
 */
function seedReadings(site: number) {
  const reading = (
    visit: number,
    pathname: string,
    [scroll_depth, engaged_ms]: [number, number],
    fields: Partial<EventRow> = {},
  ) =>
    eventRow({
      site_id: site,
      name: '$engagement',
      session_id: `r${visit}`,
      visitor_id: `v${visit}`,
      ts: `2026-11-20 1${visit}:00:00`,
      pathname,
      country: 'US',
      scroll_depth,
      engaged_ms,
      ...fields,
    });
  const rows = [
    reading(1, '/a', [40, 10_000], { ts: '2026-11-20 03:30:00' }),
    reading(1, '/a', [80, 5_000], { ts: '2026-11-20 03:40:00' }),
    reading(2, '/a', [50, 20_000]),
    reading(3, '/b', [0, 3_000]),
    reading(4, '/b', [100, 8_000], { country: 'DE' }),
    reading(5, '/a', [10, 900_000], { is_bot: 1 }),
    reading(6, '/a', [10, 900_000], { ts: '2026-11-20 03:29:59' }),
  ];
  const copies = [{ ...rows[2], visitor_id: 'elsewhere', ts: '2026-11-21 09:00:00' }];
  return { rows, copies };
}

const range = { from: '2026-11-20', to: '2026-11-20' };
/** By hand: /a (15 + 20) / 2 = 17.5 s → 18, (80 + 50) / 2 = 65 %; /b (3 + 8) / 2 = 5.5 → 6, only 100 % measured. */
const PAGE_A = { views: 2, timeOnPage: 18, scrollDepth: 65 };
const PAGE_B = { views: 2, timeOnPage: 6, scrollDepth: 100 };
/** Every reading: 46 s / 4 = 11.5 → 12; (80 + 50 + 100) / 3 = 76.67 → 77. */
const OVERALL = { views: 4, timeOnPage: 12, scrollDepth: 77 };

describe('page engagement', () => {
  let site: number;
  let header: Record<string, string | number>;
  before(async () => {
    site = await newSite('engagement.test', 'America/St_Johns');
    const { rows, copies } = seedReadings(site);
    await stores.insertEvents(rows);
    await stores.insertEvents(copies);
    header = { siteId: site, ...range, timezone: 'America/St_Johns' };
  });

  test("time on page and scroll depth per page, a visit's reports of a page one reading", async () => {
    const { body } = await report(site, 'engagement', range).expect(200);
    assert.deepEqual(body, {
      ...header,
      overall: OVERALL,
      rows: [
        { value: '/a', ...PAGE_A },
        { value: '/b', ...PAGE_B },
      ],
      truncated: false,
    });
    const first = await report(site, 'engagement', { ...range, limit: 1 }).expect(200);
    assert.deepEqual(first.body.rows, [{ value: '/a', ...PAGE_A }]);
    assert.equal(first.body.truncated, true);
  });

  test('filters choose the readings: a visit filter their visits, a page filter the page', async () => {
    const germany = await report(site, 'engagement', {
      ...range,
      filters: '[{"dimension":"country","operator":"is","value":"DE"}]',
    }).expect(200);
    assert.deepEqual(germany.body.rows, [{ value: '/b', views: 1, timeOnPage: 8, scrollDepth: 100 }]);
    const pageB = await report(site, 'engagement', {
      ...range,
      filters: '[{"dimension":"page","operator":"is","value":"/b"}]',
    }).expect(200);
    assert.deepEqual(pageB.body.overall, PAGE_B);
  });

  test('an empty range: no readings, zeros', async () => {
    const { body } = await report(site, 'engagement', { from: '2026-11-01', to: '2026-11-01' }).expect(200);
    assert.deepEqual(body, {
      ...header,
      from: '2026-11-01',
      to: '2026-11-01',
      overall: { views: 0, timeOnPage: 0, scrollDepth: 0 },
      rows: [],
      truncated: false,
    });
  });

  test('as CSV: a line per page', async () => {
    const { body } = await csv(site, 'engagement', range).expect(200);
    assert.equal(body, '"page","views","time_on_page","scroll_depth"\n"/a",2,18,65\n"/b",2,6,100\n');
  });

  test('bad options are a 400 naming the field', async () => {
    await assertRefused(site, [
      ['engagement', { ...range, limit: 1001 }, 'limit must be an integer from 1 to 1000'],
      [
        'engagement',
        { ...range, compareFrom: '2026-11-01', compareTo: '2026-11-01' },
        'compareFrom: the engagement report has no comparison range',
      ],
      ['engagement', { ...range, goal: 1 }, 'goal: this site has no goal 1'],
    ]);
  });

  test("another user's site and an API key without access are the 404 of a missing site", async () => {
    await assertIsolated(
      [
        ['engagement', range],
        ['engagement', { ...range, format: 'csv' }],
      ],
      'engagement-viewer@shop.test',
      (siteId) => stores.insertEvents(seedReadings(siteId).rows),
    );
  });
});

// Last: finalizing changes where every later report reads its days from.
describe('finalized days', () => {
  test('the same answers once the days are finalized, stored whole or read from events', async () => {
    const site = await newSite('engagement-finalized.test', 'America/St_Johns');
    const { rows, copies } = seedReadings(site);
    // On the 21st (UTC and there) a visit read /c in two reports: one reading, 60 % deep, 6 s.
    const later = [
      {
        ...rows[3],
        event_id: randomUUID(),
        session_id: 'r7',
        visitor_id: 'v7',
        pathname: '/c',
        scroll_depth: 30,
        engaged_ms: 4_000,
        ts: '2026-11-21 12:00:00',
      },
      {
        ...rows[3],
        event_id: randomUUID(),
        session_id: 'r7',
        visitor_id: 'v7',
        pathname: '/c',
        scroll_depth: 60,
        engaged_ms: 2_000,
        ts: '2026-11-21 12:05:00',
      },
    ];
    await stores.insertEvents([...rows, ...copies, ...later]);
    // Through the 21st there: the /a report of the 20th (UTC) was resent on the 21st, the day under way
    // once the 20th is written; counted again there, it would add a reading and its 20 s.
    const twoDays = { from: '2026-11-20', to: '2026-11-21' };
    const requests: Params[] = [{}, { filters: '[{"dimension":"country","operator":"is","value":"DE"}]' }];
    const answers = async () =>
      Promise.all(
        requests.map(
          async (params) => (await report(site, 'engagement', { ...twoDays, ...params }).expect(200)).body,
        ),
      );
    const [all] = (await answers()) as Array<{ overall: typeof OVERALL }>;
    // (46 + 6) s / 5 = 10.4 → 10; (80 + 50 + 100 + 60) / 4 = 72.5 → 73.
    assert.deepEqual(
      all.overall,
      { views: 5, timeOnPage: 10, scrollDepth: 73 },
      'each report once, the resend too',
    );
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-21T12:00:00Z'), answers), '2026-11-20');
    // And once the 21st, a UTC day the range covers whole, is finalized too: read from its stored sums
    // (finalized_readings), the days at the range's ends from their events.
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-23T12:00:00Z'), answers), '2026-11-22');
  });
});
