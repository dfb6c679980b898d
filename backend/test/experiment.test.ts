import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import type { EventRow } from '@sluice/config';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { post, report, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);

/**
 * A flag's reads and purchases on 2026-11-20 in Europe/Berlin (UTC+1 then: the day runs from 23:00 UTC on
 * the 19th). Times below are UTC. Visitor n's visit is session `s<n>`.
 * - v1 read `control` and bought after; v2 read `control` and did not buy.
 * - v3 bought, then read `one-step`: a purchase before the read owes the flag nothing.
 * - v4 read `one-step` (that read delivered twice, the copy a day later from another address) and bought.
 * - v5 read `one-step`, later `control` (the flag changed): counted under its first read, and bought.
 * - v9, from Germany, read `one-step` and bought.
 * Beside them: a bot that read and bought, a read of another flag, and a read the evening before there.
 */
function seedExperiment(site: number): EventRow[] {
  const at = (visitor: number, ts: string, fields: Partial<EventRow>) =>
    eventRow({
      site_id: site,
      session_id: `s${visitor}`,
      visitor_id: `v${visitor}`,
      ts: `2026-11-20 ${ts}`,
      country: 'US',
      ...fields,
    });
  const read = (visitor: number, ts: string, variant: string, fields: Partial<EventRow> = {}) =>
    at(visitor, ts, {
      name: '$flag',
      props_keys: ['flag', 'variant'],
      props_values: ['new-checkout', variant],
      ...fields,
    });
  const purchase = (visitor: number, ts: string, fields: Partial<EventRow> = {}) =>
    at(visitor, ts, { name: 'purchase', ...fields });
  const copied = read(4, '12:00:00', 'one-step');
  return [
    read(1, '10:00:00', 'control'),
    purchase(1, '10:05:00'),
    read(2, '11:00:00', 'control'),
    purchase(3, '09:00:00'),
    read(3, '09:30:00', 'one-step'),
    copied,
    { ...copied, visitor_id: 'elsewhere', ts: '2026-11-21 09:00:00' },
    purchase(4, '12:10:00'),
    read(5, '13:00:00', 'one-step'),
    read(5, '13:30:00', 'control'),
    purchase(5, '13:40:00'),
    read(9, '14:00:00', 'one-step', { country: 'DE' }),
    purchase(9, '14:05:00', { country: 'DE' }),
    read(6, '15:00:00', 'control', { is_bot: 1 }),
    purchase(6, '15:05:00', { is_bot: 1 }),
    read(7, '16:00:00', 'on', { props_values: ['pricing-banner', 'on'] }),
    purchase(7, '16:05:00'),
    { ...read(8, '10:00:00', 'control'), ts: '2026-11-19 22:30:00' },
  ];
}

const range = { from: '2026-11-20', to: '2026-11-20' };
const CONTROL = { variant: 'control', visitors: 2, conversions: 1, conversionRate: 50 };
const ONE_STEP = { variant: 'one-step', visitors: 4, conversions: 3, conversionRate: 75 };

describe('a flag experiment', () => {
  let site: number;
  let goal: number;
  before(async () => {
    site = await newSite('experiment.test', 'Europe/Berlin');
    await stores.insertEvents(seedExperiment(site));
    const { body } = await post(`/sites/${site}/goals`)
      .send({ name: 'Bought', kind: 'event', match: 'purchase' })
      .expect(201);
    goal = body.id as number;
  });

  test("each value's visitors, under their first read, and who of them converted after it", async () => {
    const { body } = await report(site, 'experiment', { ...range, flag: 'new-checkout', goal }).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      ...range,
      timezone: 'Europe/Berlin',
      flag: 'new-checkout',
      goal,
      variants: [CONTROL, ONE_STEP],
    });
  });

  test("filters choose the reads; a flag never read is no row; a page goal's conversions are its pageviews", async () => {
    const germany = await report(site, 'experiment', {
      ...range,
      flag: 'new-checkout',
      goal,
      filters: '[{"dimension":"country","operator":"is","value":"DE"}]',
    }).expect(200);
    assert.deepEqual(germany.body.variants, [
      { variant: 'one-step', visitors: 1, conversions: 1, conversionRate: 100 },
    ]);
    const unread = await report(site, 'experiment', { ...range, flag: 'dark-mode', goal }).expect(200);
    assert.deepEqual(unread.body.variants, []);
    const { body: page } = await post(`/sites/${site}/goals`)
      .send({ name: 'Home', kind: 'page', match: '/nowhere' })
      .expect(201);
    const pages = await report(site, 'experiment', { ...range, flag: 'new-checkout', goal: page.id }).expect(
      200,
    );
    assert.deepEqual(
      pages.body.variants.map(({ conversions }: { conversions: number }) => conversions),
      [0, 0],
    );
  });

  test('bad options are a 400 naming the field', async () => {
    await assertRefused(site, [
      [
        'experiment',
        { ...range, goal },
        'flag must be 1 to 64 lower-case letters and digits, words joined by - or _',
      ],
      [
        'experiment',
        { ...range, goal, flag: 'New Checkout' },
        'flag must be 1 to 64 lower-case letters and digits, words joined by - or _',
      ],
      [
        'experiment',
        { ...range, flag: 'new-checkout' },
        'goal: the experiment report compares by a goal: name one',
      ],
      ['experiment', { ...range, flag: 'new-checkout', goal: 999_999 }, 'goal: this site has no goal 999999'],
      [
        'experiment',
        { ...range, flag: 'new-checkout', goal, compareFrom: '2026-11-01', compareTo: '2026-11-01' },
        'compareFrom: the experiment report has no comparison range',
      ],
    ]);
  });

  test("another user's site and an API key without access are the 404 of a missing site", async () => {
    // The readable site is seeded first: its goal is the one asked for (the other site's 404 comes before).
    const params: Record<string, string | number> = { ...range, flag: 'new-checkout' };
    await assertIsolated([['experiment', params]], 'experiment-viewer@shop.test', async (siteId) => {
      await stores.insertEvents(seedExperiment(siteId));
      const { body } = await post(`/sites/${siteId}/goals`)
        .send({ name: 'Bought', kind: 'event', match: 'purchase' })
        .expect(201);
      params.goal ??= body.id as number;
    });
  });
});

// Last: finalizing changes where every later report reads its days from.
describe('finalized days', () => {
  test('the same answers once the days are finalized', async () => {
    const site = await newSite('experiment-finalized.test', 'Europe/Berlin');
    await stores.insertEvents(seedExperiment(site));
    const { body } = await post(`/sites/${site}/goals`)
      .send({ name: 'Bought', kind: 'event', match: 'purchase' })
      .expect(201);
    const answers = async () =>
      (
        await report(site, 'experiment', {
          from: '2026-11-19',
          to: '2026-11-21',
          flag: 'new-checkout',
          goal: body.id as number,
        }).expect(200)
      ).body.variants;
    // The evening before's read is in the range now: v8, under control, who did not buy.
    assert.deepEqual(await answers(), [{ ...CONTROL, visitors: 3, conversionRate: 33.33 }, ONE_STEP]);
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-24T12:00:00Z'), answers), '2026-11-23');
  });
});
