import assert from 'node:assert/strict';
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

type Vitals = Pick<EventRow, 'lcp_ms' | 'inp_ms' | 'cls'>;

/**
 * Engagement events of a site in America/St_Johns (UTC−3:30: 2026-11-20 there runs from 03:30 UTC to
 * 03:30 UTC the next day), one visit each; a 0 is a vital the browser did not measure. Beside them: a
 * copy of one /a event, a resend of one /b event from another address hours later, a bot's event and one
 * a second before the range, with vitals that would change every answer.
 */
function seedVitals(site: number) {
  let n = 0;
  const engagement = (
    pathname: string,
    device: string,
    [lcp_ms, inp_ms, cls]: [number, number, number],
    fields: Partial<EventRow> = {},
  ) =>
    eventRow({
      site_id: site,
      name: '$engagement',
      session_id: `e${++n}`,
      visitor_id: `v${n}`,
      ts: `2026-11-20 1${n % 10}:00:00`,
      pathname,
      device,
      lcp_ms,
      inp_ms,
      cls,
      ...fields,
    } satisfies Partial<EventRow> & Vitals);
  const rows = [
    engagement('/a', 'desktop', [1000, 100, 0.1], { ts: '2026-11-20 03:30:00' }),
    engagement('/a', 'desktop', [2500, 0, 0.05]),
    engagement('/a', 'desktop', [3000, 600, 0]),
    engagement('/a', 'desktop', [0, 200, 0.3]),
    engagement('/b', 'mobile', [5000, 0, 0.25]),
    engagement('/b', 'mobile', [4000, 300, 0], { ts: '2026-11-21 03:29:59' }),
    engagement('/a', 'desktop', [9000, 900, 0.9], { is_bot: 1 }),
    engagement('/a', 'desktop', [9000, 900, 0.9], { ts: '2026-11-20 03:29:59' }),
  ];
  const copies = [{ ...rows[1] }, { ...rows[4], visitor_id: 'elsewhere', ts: '2026-11-21 09:00:00' }];
  return { rows, copies };
}

const range = { from: '2026-11-20', to: '2026-11-20' };
const vital = (
  samples: number,
  p75: number | null,
  good: number,
  needsImprovement: number,
  poor: number,
) => ({
  samples,
  p75,
  good,
  needsImprovement,
  poor,
});

/**
 * The known answers, by hand: p75 is the sorted samples' value at index floor(0.75 × samples) (from 0).
 * Overall LCP [1000, 2500, 3000, 4000, 5000] → index 3; INP [100, 200, 300, 600] → index 3; CLS
 * [0.05, 0.1, 0.25, 0.3] → index 3, and a CLS of exactly 0.1 is good, one of 0.25 needs improvement.
 */
const OVERALL = {
  engagements: 6,
  lcp: vital(5, 4000, 40, 40, 20),
  inp: vital(4, 600, 50, 25, 25),
  cls: vital(4, 0.3, 50, 25, 25),
};
const PAGE_A = {
  engagements: 4,
  lcp: vital(3, 3000, 66.67, 33.33, 0),
  inp: vital(3, 600, 66.67, 0, 33.33),
  cls: vital(3, 0.3, 66.67, 0, 33.33),
};
const PAGE_B = {
  engagements: 2,
  lcp: vital(2, 5000, 0, 50, 50),
  inp: vital(1, 300, 0, 100, 0),
  cls: vital(1, 0.25, 0, 100, 0),
};

describe('web vitals', () => {
  let site: number;
  let header: Record<string, string | number>;
  before(async () => {
    site = await newSite('vitals.test', 'America/St_Johns');
    const { rows, copies } = seedVitals(site);
    await stores.insertEvents(rows);
    await stores.insertEvents(copies);
    header = { siteId: site, ...range, timezone: 'America/St_Johns' };
  });

  test('p75 and the shares of good, needs improvement and poor, overall and per page and device', async () => {
    const overall = await report(site, 'vitals', range).expect(200);
    assert.deepEqual(overall.body, { ...header, overall: OVERALL, rows: [], truncated: false });
    const pages = await report(site, 'vitals', { ...range, dimension: 'page' }).expect(200);
    assert.deepEqual(pages.body, {
      ...header,
      dimension: 'page',
      overall: OVERALL,
      rows: [
        { value: '/a', ...PAGE_A },
        { value: '/b', ...PAGE_B },
      ],
      truncated: false,
    });
    const devices = await report(site, 'vitals', { ...range, dimension: 'device', limit: 1 }).expect(200);
    assert.deepEqual(devices.body, {
      ...header,
      dimension: 'device',
      overall: OVERALL,
      rows: [{ value: 'desktop', ...PAGE_A }],
      truncated: true,
    });
  });

  test('filters choose the events', async () => {
    const { body } = await report(site, 'vitals', {
      ...range,
      filters: '[{"dimension":"page","operator":"is","value":"/b"}]',
    }).expect(200);
    assert.deepEqual(body.overall, PAGE_B);
  });

  test('an empty range: no samples, no percentile', async () => {
    const { body } = await report(site, 'vitals', {
      from: '2026-11-01',
      to: '2026-11-01',
      dimension: 'page',
    }).expect(200);
    const none = vital(0, null, 0, 0, 0);
    assert.deepEqual(body, {
      ...header,
      from: '2026-11-01',
      to: '2026-11-01',
      dimension: 'page',
      overall: { engagements: 0, lcp: none, inp: none, cls: none },
      rows: [],
      truncated: false,
    });
  });

  test('as CSV: counts and p75 per page', async () => {
    const { body } = await csv(site, 'vitals', { ...range, dimension: 'page' }).expect(200);
    assert.equal(
      body,
      '"value","engagements","lcp_samples","lcp_p75","lcp_good","lcp_needs_improvement","lcp_poor",' +
        '"inp_samples","inp_p75","inp_good","inp_needs_improvement","inp_poor",' +
        '"cls_samples","cls_p75","cls_good","cls_needs_improvement","cls_poor"\n' +
        '"/a",4,3,3000,2,1,0,3,600,2,0,1,3,0.3,2,0,1\n' +
        '"/b",2,2,5000,0,1,1,1,300,0,1,0,1,0.25,0,1,0\n',
    );
  });

  test('bad options are a 400 naming the field', async () => {
    await assertRefused(site, [
      ['vitals', { ...range, dimension: 'country' }, 'dimension must be one of page, device'],
      ['vitals', { ...range, limit: 0 }, 'limit must be an integer from 1 to 1000'],
      ['vitals', { ...range, goal: 1 }, 'goal: this site has no goal 1'],
      [
        'vitals',
        { ...range, compareFrom: '2026-11-01', compareTo: '2026-11-01' },
        'compareFrom: the vitals report has no comparison range',
      ],
      [
        'vitals',
        { ...range, filters: '[{"dimension":"page","operator":"near","value":"/"}]' },
        'filters[0].operator: unknown operator "near" (one of is, is_not, contains, does_not_contain, matches, one_of)',
      ],
    ]);
  });

  test("another user's site and an API key without access are the 404 of a missing site", async () => {
    await assertIsolated(
      [
        ['vitals', { ...range, dimension: 'page' }],
        ['vitals', { ...range, format: 'csv' }],
      ],
      'vitals-viewer@shop.test',
      (siteId) => stores.insertEvents(seedVitals(siteId).rows),
    );
  });
});

// Last: finalizing changes where every later report reads its days from.
describe('finalized days', () => {
  test('the same answers once the days are finalized, a resend on the day under way counting once', async () => {
    const site = await newSite('vitals-finalized.test', 'America/St_Johns');
    const { rows, copies } = seedVitals(site);
    await stores.insertEvents([...rows, ...copies]);
    // Through the 21st there: the /b event of the 20th (UTC) was resent on the 21st, the day under way
    // once the 20th is written; counted again there, it would add an engagement and a sample.
    const twoDays = { from: '2026-11-20', to: '2026-11-21' };
    const requests: Params[] = [{}, { dimension: 'page' }];
    const answers = async () =>
      Promise.all(
        requests.map(
          async (params) => (await report(site, 'vitals', { ...twoDays, ...params }).expect(200)).body,
        ),
      );
    const [overall] = (await answers()) as Array<{ overall: typeof OVERALL }>;
    assert.deepEqual(overall.overall, OVERALL, 'each event once, the resend too');
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-21T12:00:00Z'), answers), '2026-11-20');
    // And once the 21st, a UTC day the range covers whole, is finalized too: read from its stored samples
    // (finalized_vitals), the days at the range's ends from their events.
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-23T12:00:00Z'), answers), '2026-11-22');
  });
});
