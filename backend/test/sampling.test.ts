import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EventRow } from '@sluice/config';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, RecordingLogger, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';
import { randomSource } from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

/** `sample=auto` samples past this many events: the seed below holds more. */
const MIN_ROWS = 1_000;

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp(new RecordingLogger(), {
    SLUICE_SAMPLING_MIN_ROWS: String(MIN_ROWS),
  }));
});
after(() => stop?.());

const { post, report, newSite } = reportClient(
  () => http,
  () => token,
);

/** Visitor ids (32 hex digits) from a fixed generator: the sample they fall in is the same on every run. */
function visitorIds(seed: number): () => string {
  const random = randomSource(seed);
  return () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
}

/** Visitors of the seed: each one visit of two pageviews, on 2026-11-20 in Kolkata. */
const VISITORS = 5_000;
const range = { from: '2026-11-20', to: '2026-11-20' };

/**
 * The known seed: VISITORS visitors (random 32-hex ids from a fixed generator, so the sample they fall in
 * is the same on every run), each one visit of two pageviews at 10:00 and 10:05 Kolkata time, on `/a` or
 * `/b` by turns; a bot visit; every tenth visit's first pageview stored twice; with `resends`, every tenth's
 * second resent from another address later. Totals: VISITORS visitors and visits, 2 × VISITORS pageviews.
 */
async function seed(site: number, { resends }: { resends: boolean }): Promise<EventRow[]> {
  const hex = visitorIds(29);
  const rows = Array.from({ length: VISITORS }, (_, n) => {
    const visitor = hex();
    const page = n % 2 ? '/b' : '/a';
    return [
      eventRow({
        site_id: site,
        visitor_id: visitor,
        session_id: `s${n}`,
        ts: '2026-11-20 04:30:00',
        pathname: page,
      }),
      eventRow({
        site_id: site,
        visitor_id: visitor,
        session_id: `s${n}`,
        ts: '2026-11-20 04:35:00',
        pathname: page,
      }),
    ];
  });
  const bot = eventRow({
    site_id: site,
    visitor_id: hex(),
    session_id: 'bot',
    ts: '2026-11-20 04:30:00',
    is_bot: 1,
  });
  const copies = rows.filter((_, n) => n % 10 === 0).map(([first]) => ({ ...first }));
  const resent = rows
    .filter((_, n) => resends && n % 10 === 5)
    .map(([, second]) => ({ ...second, visitor_id: hex(), ts: '2026-11-20 05:35:00' }));
  const stored = [...rows.flat(), bot, ...copies, ...resent];
  await stores.insertEvents(stored);
  return stored;
}

let site: number;
let stored: EventRow[];

describe('sampled reports', () => {
  before(async () => {
    site = await newSite('sampled.test', 'Asia/Kolkata');
    stored = await seed(site, { resends: true });
  });

  test('a sample of a tenth is within 15% of the known totals, counts scaled, ratios as they are', async () => {
    const { body } = await report(site, 'overview', { ...range, sample: '0.1' }).expect(200);
    assert.deepEqual([body.sampling, body.source], [{ rate: 0.1, estimatedRows: stored.length }, 'rollup']);
    for (const [name, total] of [
      ['visitors', VISITORS],
      ['visits', VISITORS],
      ['pageviews', 2 * VISITORS],
    ] as const) {
      // A tenth of 5,000 visitors: a sampling error of about 4% (one standard deviation).
      assert.ok(Math.abs(body.metrics[name] - total) <= total * 0.15, `${name} ${body.metrics[name]}`);
    }

    // Without resends from another address (which a sample by visitor splits from their visit: README),
    // exact where a sample by visitor keeps each sampled visitor's whole visit: every count ten times the
    // sample's, each visit two pageviews 5 minutes apart.
    const whole = await newSite('sampled-whole.test', 'Asia/Kolkata');
    await seed(whole, { resends: false });
    const { body: sampled } = await report(whole, 'overview', { ...range, sample: '0.1' }).expect(200);
    const { visitors, visits, pageviews, events, views_per_visit, bounce_rate, visit_duration } =
      sampled.metrics;
    assert.ok(Math.abs(visitors - VISITORS) <= VISITORS * 0.15, `visitors ${visitors}`);
    assert.equal(visitors % 10, 0);
    assert.deepEqual(
      { visits, pageviews, events, views_per_visit, bounce_rate, visit_duration },
      {
        visits: visitors,
        pageviews: 2 * visitors,
        events: 2 * visitors,
        views_per_visit: 2,
        bounce_rate: 0,
        visit_duration: 300,
      },
    );
  });

  test('at a rate of 1 every report equals its unsampled answer, and says the rate', async () => {
    for (const [kind, params] of [
      ['overview', range],
      ['timeseries', { ...range, interval: 'hour' }],
      ['breakdown', { ...range, dimension: 'page' }],
    ] as const) {
      const { body: whole } = await report(site, kind, params).expect(200);
      const { body: sampled } = await report(site, kind, { ...params, sample: '1' }).expect(200);
      assert.deepEqual(whole.sampling, null);
      assert.deepEqual(sampled, { ...whole, sampling: { rate: 1, estimatedRows: stored.length } }, kind);
    }
    const { body } = await report(site, 'overview', range).expect(200);
    assert.deepEqual(
      [body.metrics.visitors, body.metrics.visits, body.metrics.pageviews],
      [VISITORS, VISITORS, 2 * VISITORS],
    );
  });

  test('auto samples a range past the row estimate to about that many rows, and not an empty one', async () => {
    const { body } = await report(site, 'breakdown', { ...range, dimension: 'page', sample: 'auto' }).expect(
      200,
    );
    const rate = Math.floor((MIN_ROWS * 10_000) / stored.length) / 10_000;
    assert.deepEqual(body.sampling, { rate, estimatedRows: stored.length });
    const rows = body.rows as Array<{ value: string; metrics: { visitors: number; pageviews: number } }>;
    assert.deepEqual(rows.map(({ value }) => value).sort(), ['/a', '/b']);
    for (const { metrics } of rows) assert.ok(Math.abs(metrics.visitors - VISITORS / 2) <= VISITORS * 0.15);

    const empty = await newSite('sampled-empty.test', 'America/St_Johns');
    const { body: nothing } = await report(empty, 'overview', { ...range, sample: 'auto' }).expect(200);
    assert.deepEqual(
      [nothing.sampling, nothing.source, nothing.metrics.visitors],
      [{ rate: 1, estimatedRows: 0 }, 'rollup', 0],
    );
  });

  test('the sampled CSV holds the scaled counts of the JSON answer', async () => {
    const params = { ...range, dimension: 'page', sample: '0.25', order: 'value:asc' };
    const { body } = await report(site, 'breakdown', params).expect(200);
    const { text } = await report(site, 'breakdown', { ...params, format: 'csv' }).expect(200);
    assert.equal(
      text,
      [
        '"value","visitors","visits","pageviews"',
        ...body.rows.map(
          (row: { value: string; metrics: Record<string, number> }) =>
            `"${row.value}",${row.metrics.visitors},${row.metrics.visits},${row.metrics.pageviews}`,
        ),
        '',
      ].join('\n'),
    );
  });

  test('conversions and revenue scale like the counts; the conversion rate is the sample one', async () => {
    const shop = await newSite('sampled-shop.test', 'UTC');
    const hex = visitorIds(31);
    // 2,000 visitors, each a visit of one pageview; every second one buys for 1.50 EUR.
    await stores.insertEvents(
      Array.from({ length: 2_000 }, (_, n) => {
        const visit = { site_id: shop, visitor_id: hex(), session_id: `shop${n}` };
        return [
          eventRow({ ...visit, ts: '2026-11-20 10:00:00' }),
          ...(n % 2
            ? [
                eventRow({
                  ...visit,
                  ts: '2026-11-20 10:01:00',
                  name: 'purchase',
                  revenue_amount: 1.5,
                  revenue_currency: 'EUR',
                }),
              ]
            : []),
        ];
      }).flat(),
    );
    const { body: goal } = await post(`/sites/${shop}/goals`)
      .send({ name: 'Purchase', kind: 'event', match: 'purchase' })
      .expect(201);
    const { body: whole } = await report(shop, 'overview', { ...range, goal: goal.id }).expect(200);
    assert.deepEqual(
      [whole.metrics.conversions, whole.metrics.conversion_rate, whole.revenue],
      [1_000, 50, { EUR: '1500.00' }],
    );
    const { body } = await report(shop, 'overview', { ...range, goal: goal.id, sample: '0.5' }).expect(200);
    const { conversions, conversion_rate, visitors } = body.metrics;
    assert.ok(Math.abs(conversions - 1_000) <= 150, `conversions ${conversions}`);
    // Each sampled buyer spent 1.50: the scaled revenue is the scaled conversions' 1.50 each, exactly.
    assert.deepEqual(body.revenue, { EUR: (conversions * 1.5).toFixed(2) });
    assert.equal(conversion_rate, Math.round((10_000 * conversions) / visitors) / 100);
  });

  // It finalizes every site's days, which the tests before it read as open days.
  test('a sample answers the same once its days are finalized: the same visitors, read from `visits`', async () => {
    const returning = await newSite('sampled-finalized.test', 'Asia/Kolkata');
    const hex = visitorIds(37);
    // 3,000 visitors, each a visit of two pageviews on 20 November; every third is back on 24 November
    // (open once the 20th is finalized), so a visitor of both days must be sampled alike in both.
    await stores.insertEvents(
      Array.from({ length: 3_000 }, (_, n) => {
        const visitor = { site_id: returning, visitor_id: hex(), country: n % 2 ? 'DE' : 'FR' };
        const visit = (session: string, day: string, page: string) => [
          eventRow({ ...visitor, session_id: session, ts: `${day} 04:30:00`, pathname: page }),
          eventRow({ ...visitor, session_id: session, ts: `${day} 04:35:00`, pathname: '/b' }),
        ];
        return [
          ...visit(`f${n}`, '2026-11-20', '/a'),
          ...(n % 3 === 0 ? visit(`r${n}`, '2026-11-24', '/c') : []),
        ];
      }).flat(),
    );
    const days = { from: '2026-11-20', to: '2026-11-24', sample: '0.1' };
    const answers = async () => {
      const bodies = [];
      for (const [kind, params] of [
        ['overview', days],
        ['timeseries', { ...days, interval: 'day' }],
        ['breakdown', { ...days, dimension: 'country' }],
        [
          'breakdown',
          {
            ...days,
            dimension: 'entry_page',
            filters: JSON.stringify([{ dimension: 'country', operator: 'is', value: 'DE' }]),
          },
        ],
      ] as const) {
        bodies.push((await report(returning, kind, params).expect(200)).body);
      }
      return bodies;
    };
    const [overview] = (await answers()) as Array<{ metrics: Record<string, number> }>;
    // A sample, scaled: about a tenth of 3,000 visitors and 4,000 visits, each count a multiple of ten.
    const { visitors, visits } = overview.metrics;
    assert.ok(Math.abs(visitors - 3_000) <= 450 && visitors % 10 === 0, `visitors ${visitors}`);
    assert.ok(Math.abs(visits - 4_000) <= 600 && visits % 10 === 0, `visits ${visits}`);
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-23T12:00:00Z'), answers), '2026-11-22');
  });

  test('a bad sample is a 400 naming it', async () => {
    for (const sample of ['0', '0.00001', '1.5', 'half', '-0.1', '0.0000']) {
      const { body } = await report(site, 'timeseries', { ...range, sample }).expect(400);
      assert.deepEqual(
        [body.code, body.message],
        ['validation_failed', 'sample must be auto or a fraction from 0.0001 to 1 (at most 4 decimals)'],
        sample,
      );
    }
  });
});
