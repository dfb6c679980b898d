import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import { DIMENSION_NAMES, type EventRow } from '@sluice/config';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { report, csv, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);

const GITHUB = 'https://github.com/sluice';
const ELSEWHERE = 'https://x.test/';
const GUIDE = 'https://shop.test/guide.pdf';
const fingerprint = (n: number) => `0123456789abcde${n}`;

/**
 * Three visits of a site in Asia/Kolkata (2026-11-20 there: 18:30 UTC on the 19th to 18:30 UTC) with
 * outbound clicks, a download, autocaptured clicks on four elements (one clicked in two visits, on two
 * pages) and custom events with properties;
 * a copy of an outbound click and its resend from another address; a bot's visit and a click a second
 * before the range, which count nowhere.
 */
function seedEvents(site: number) {
  let second = 0;
  const visit = (
    session: string,
    visitor: string,
    events: Array<Partial<EventRow>>,
    fields: Partial<EventRow> = {},
  ) =>
    events.map((event) =>
      eventRow({
        site_id: site,
        session_id: session,
        visitor_id: visitor,
        ts: `2026-11-20 06:00:${String(second++).padStart(2, '0')}`,
        ...fields,
        ...event,
      }),
    );
  const rows = [
    ...visit('s1', 'v1', [
      { pathname: '/' },
      { name: '$outbound', el_tag: 'a', el_href: GITHUB },
      {
        name: '$autocapture',
        el_fingerprint: fingerprint(1),
        el_tag: 'button',
        el_text: 'Add',
        el_selector: '#cart > button',
      },
      { name: 'signup', props_keys: ['plan', 'source'], props_values: ['pro', 'ad'] },
      // The element of s3's signup link, clicked earlier elsewhere: named after its latest click.
      {
        name: '$autocapture',
        pathname: '/pricing',
        el_fingerprint: fingerprint(3),
        el_tag: 'a',
        el_text: 'Sign up',
      },
    ]),
    ...visit('s2', 'v2', [
      { pathname: '/docs' },
      { name: '$outbound', el_tag: 'a', el_href: GITHUB },
      { name: '$download', el_tag: 'a', el_href: GUIDE },
      {
        name: '$autocapture',
        el_fingerprint: fingerprint(2),
        el_tag: 'button',
        el_text: 'Buy',
        el_id: 'buy',
      },
      { name: 'purchase', props_keys: ['plan'], props_values: ['basic'] },
    ]),
    ...visit('s3', 'v3', [
      { name: '$outbound', el_tag: 'a', el_href: ELSEWHERE },
      {
        name: '$autocapture',
        el_fingerprint: fingerprint(3),
        el_tag: 'a',
        el_id: 'signup',
        el_selector: '#signup',
      },
      { name: '$autocapture', el_fingerprint: fingerprint(4), el_tag: 'div', el_selector: '#main > div' },
    ]),
    ...visit(
      's4',
      'v4',
      [
        { name: '$outbound', el_href: ELSEWHERE },
        { name: '$download', el_href: GUIDE },
      ],
      {
        is_bot: 1,
      },
    ),
    ...visit('s5', 'v5', [{ name: '$outbound', el_href: ELSEWHERE }], { ts: '2026-11-19 18:29:59' }),
  ];
  const outbound = rows.filter((row) => row.name === '$outbound' && row.session_id !== 's3');
  const copies = [
    { ...outbound[0] },
    { ...outbound[1], visitor_id: 'v2-elsewhere', ts: '2026-11-20 16:00:00' },
  ];
  return { rows, copies };
}

const range = { from: '2026-11-20', to: '2026-11-20' };
const row = (value: string, visitors: number, pageviews = 0, name?: [string, string]) => ({
  value,
  ...(name !== undefined && { name: name[0], nameSource: name[1] }),
  metrics: { visitors, visits: visitors, pageviews },
  comparison: null,
});

describe('event breakdowns', () => {
  let site: number;
  before(async () => {
    site = await newSite('event-breakdowns.test', 'Asia/Kolkata');
    const { rows, copies } = seedEvents(site);
    await stores.insertEvents(rows);
    await stores.insertEvents(copies);
    // Renamed: the latest name counts, before and after ClickHouse merges the two rows.
    await stores.command(
      `INSERT INTO autocapture_names VALUES (${site}, '${fingerprint(1)}', 'Cart button', 'ai', '2026-11-01 00:00:00'),
        (${site}, '${fingerprint(1)}', 'Add to cart', 'manual', '2026-11-02 00:00:00')`,
    );
  });

  const rowsOf = async (dimension: string, params: Record<string, string> = {}) => {
    const { body } = await report(site, 'breakdown', { ...range, dimension, ...params }).expect(200);
    assert.equal(body.source, 'events');
    return body.rows;
  };

  test('outbound links and downloads by URL: each click once, bots and other events out', async () => {
    assert.deepEqual(await rowsOf('outbound_link'), [row(GITHUB, 2), row(ELSEWHERE, 1)]);
    assert.deepEqual(await rowsOf('download'), [row(GUIDE, 1)]);
  });

  test('autocaptured elements by fingerprint, each named: the stored name, else the heuristic one', async () => {
    const named = [
      // Its latest click's context names it: on /, not on /pricing.
      row(fingerprint(3), 2, 0, ["Clicked 'signup' on /", 'heuristic']),
      row(fingerprint(1), 1, 0, ['Add to cart', 'manual']),
      row(fingerprint(2), 1, 0, ["Clicked 'Buy' on /", 'heuristic']),
      row(fingerprint(4), 1, 0, ['Clicked a div on /', 'heuristic']),
    ];
    assert.deepEqual(await rowsOf('element'), named);
    // Latest clicks are looked for in the range's last two days first, then over the whole range.
    assert.deepEqual(await rowsOf('element', { to: '2026-11-26' }), named);
  });

  test('custom events, their property keys, and one property’s values', async () => {
    assert.deepEqual(await rowsOf('event_name'), [
      row('$autocapture', 3),
      row('$outbound', 3),
      row('pageview', 2, 2),
      row('$download', 1),
      row('purchase', 1),
      row('signup', 1),
    ]);
    assert.deepEqual(await rowsOf('prop_key'), [row('plan', 2), row('source', 1)]);
    // The key's condition and the value's breakdown read the same property of each event.
    assert.deepEqual(
      await rowsOf('prop_value', { filters: '[{"dimension":"prop_key","operator":"is","value":"plan"}]' }),
      [row('basic', 1), row('pro', 1)],
    );
  });

  test('a condition on an outbound link holds only for outbound clicks; one on a property for events with it', async () => {
    const visits = async (filter: object) =>
      (await report(site, 'overview', { ...range, filters: JSON.stringify([filter]) }).expect(200)).body
        .metrics.visits;
    assert.equal(await visits({ dimension: 'outbound_link', operator: 'is_not', value: GITHUB }), 1);
    assert.equal(await visits({ dimension: 'download', operator: 'contains', value: '.pdf' }), 1);
    assert.equal(await visits({ dimension: 'prop_value', operator: 'one_of', values: ['pro', 'basic'] }), 2);
    assert.equal(await visits({ not: { dimension: 'prop_key', operator: 'is', value: 'plan' } }), 1);
    // The events explorer takes the same conditions: each matching event once.
    const { body } = await report(site, 'events', {
      ...range,
      filters: '[{"dimension":"prop_key","operator":"is","value":"plan"}]',
    }).expect(200);
    assert.deepEqual(body.events.map(({ name }: EventRow) => name).sort(), ['purchase', 'signup']);
  });

  test('an empty range has no rows', async () => {
    const { body } = await report(site, 'breakdown', {
      from: '2026-11-21',
      to: '2026-11-21',
      dimension: 'element',
    }).expect(200);
    assert.deepEqual(body.rows, []);
  });

  test('as CSV', async () => {
    const { body } = await csv(site, 'breakdown', { ...range, dimension: 'outbound_link' }).expect(200);
    assert.equal(body, `"value","visitors","visits","pageviews"\n"${GITHUB}",2,2,0\n"${ELSEWHERE}",1,1,0\n`);
  });

  test('bad options are a 400 naming the field', async () => {
    await assertRefused(site, [
      [
        'breakdown',
        { ...range, dimension: 'property' },
        `dimension: unknown dimension "property" (one of ${DIMENSION_NAMES.join(', ')})`,
      ],
      [
        'breakdown',
        {
          ...range,
          dimension: 'page',
          filters: '[{"dimension":"element","operator":"contains","value":"0"}]',
        },
        'filters[0].operator: element takes is, is_not, one_of, not contains',
      ],
      [
        'breakdown',
        {
          ...range,
          dimension: 'page',
          filters:
            '[{"or":[{"dimension":"prop_key","operator":"is","value":"plan"},{"dimension":"country","operator":"is","value":"DE"}]}]',
        },
        'filters must not mix visit dimensions and event dimensions (page, hostname, event_name) under or / not',
      ],
    ]);
  });

  test("another user's site and an API key without access are the 404 of a missing site", async () => {
    await assertIsolated(
      [
        ['breakdown', { ...range, dimension: 'outbound_link' }],
        ['breakdown', { ...range, dimension: 'element' }],
        ['breakdown', { ...range, dimension: 'prop_key', format: 'csv' }],
      ],
      'events-viewer@shop.test',
      (siteId) => stores.insertEvents(seedEvents(siteId).rows),
    );
  });
});
