import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import { DIMENSION_NAMES, type EventRow } from '@sluice/config';
import type { INestApplication } from '@nestjs/common';
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

const { report, csv, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);

/** The group id the API documents: 16 hex digits of MD5(normalised message, newline, top frame). */
const groupId = (normalisedMessage: string, frame: string) =>
  createHash('md5').update(`${normalisedMessage}\n${frame}`).digest('hex').slice(0, 16);

const stackAt = (message: string, frame: string) =>
  `Error: ${message}\n    ${frame}\n    at main (https://shop.test/app.js:2:1)`;
const LOAD = 'at load (https://shop.test/app.js:10:5)';
const RENDER = 'render@https://shop.test/app.js:99:1';

/**
 * Errors of a site in Asia/Kolkata (UTC+5:30: 2026-11-20 there runs from 18:30 UTC on the 19th), each
 * in a visit that began with a pageview:
 * - group A, "Item <n> not found" at load(): three occurrences in two visits of two visitors, one copy
 *   stored twice, one resent hours later from another address; the first at the day's first second;
 * - group B, an unhandled rejection without a stack, grouped by its script and line;
 * - group C, A's message thrown from another frame (Firefox's stack format): a group of its own;
 * - a bot's error, which no report counts, and one of group A a second before the range, which only its
 *   first occurrence ever is.
 */
function seedErrors(site: number) {
  const error = (n: number, visit: string, visitor: string, ts: string, fields: Partial<EventRow>) => {
    const start = new Date(Date.parse(`${ts.replace(' ', 'T')}Z`) - 60_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    return [
      eventRow({
        site_id: site,
        session_id: visit,
        visitor_id: visitor,
        ts: start,
        country: fields.country ?? 'IN',
      }),
      eventRow({
        site_id: site,
        session_id: visit,
        visitor_id: visitor,
        ts,
        name: '$error',
        country: 'IN',
        event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        ...fields,
      }),
    ];
  };
  const rows = [
    ...error(1, 's1', 'v1', '2026-11-19 18:30:00', {
      error_message: 'Item 42 not found',
      error_stack: stackAt('Item 42 not found', LOAD),
      pathname: '/cart',
      browser: 'Chrome',
    }),
    ...error(2, 's2', 'v2', '2026-11-20 10:00:00', {
      error_message: 'Item 7 not found',
      error_stack: stackAt('Item 7 not found', LOAD),
      pathname: '/cart',
      browser: 'Firefox',
      country: 'DE',
    }),
    ...error(3, 's2b', 'v2', '2026-11-20 19:00:00', {
      error_message: 'Item 9 not found',
      error_stack: stackAt('Item 9 not found', LOAD),
      pathname: '/checkout',
      browser: 'Firefox',
      country: 'DE',
    }),
    ...error(4, 's3', 'v1', '2026-11-20 12:00:00', {
      error_message: 'Unhandled: boom',
      error_source: 'https://shop.test/vendor.js',
      error_line: 3,
      error_column: 7,
      pathname: '/',
      browser: 'Chrome',
    }),
    ...error(5, 's4', 'v3', '2026-11-21 08:00:00', {
      error_message: 'Item 42 not found',
      error_stack: `${RENDER}\nmain@https://shop.test/app.js:2:1`,
      pathname: '/cart',
      browser: 'Safari',
    }),
    ...error(6, 's5', 'v4', '2026-11-20 09:00:00', { error_message: 'Item 1 not found', is_bot: 1 }),
    ...error(7, 's6', 'v5', '2026-11-19 18:29:59', {
      error_message: 'Item 1 not found',
      error_stack: stackAt('x', LOAD),
    }),
  ];
  const copies = rows.filter((row) => row.event_id.endsWith('000000000002'));
  const resent = rows
    .filter((row) => row.event_id.endsWith('000000000003'))
    .map((row) => ({ ...row, visitor_id: 'v2-elsewhere', ts: '2026-11-21 05:00:00' }));
  return { rows, copies: [...copies, ...resent] };
}

const A = groupId('Item <n> not found', LOAD);
const B = groupId('Unhandled: boom', 'https://shop.test/vendor.js:3');
const C = groupId('Item <n> not found', RENDER);
const range = { from: '2026-11-20', to: '2026-11-21' };

describe('errors', () => {
  let site: number;
  before(async () => {
    site = await newSite('errors.test', 'Asia/Kolkata');
    const { rows, copies } = seedErrors(site);
    await stores.insertEvents(rows);
    await stores.insertEvents(copies);
  });

  const groupA = {
    group: A,
    message: 'Item 9 not found',
    frame: LOAD,
    occurrences: 3,
    visitors: 2,
    visits: 3,
    firstSeen: '2026-11-20 00:00:00',
    lastSeen: '2026-11-21 00:30:00',
    // The error a second before the range is one of this group's: not new in the range.
    firstSeenEver: '2026-11-19 23:59:59',
    sampleStack: stackAt('Item 9 not found', LOAD),
    pages: [
      { value: '/cart', occurrences: 2, visitors: 2 },
      { value: '/checkout', occurrences: 1, visitors: 1 },
    ],
    browsers: [
      { value: 'Firefox', occurrences: 2, visitors: 1 },
      { value: 'Chrome', occurrences: 1, visitors: 1 },
    ],
  };
  const groupB = {
    group: B,
    message: 'Unhandled: boom',
    frame: 'https://shop.test/vendor.js:3',
    occurrences: 1,
    visitors: 1,
    visits: 1,
    firstSeen: '2026-11-20 17:30:00',
    lastSeen: '2026-11-20 17:30:00',
    firstSeenEver: '2026-11-20 17:30:00',
    sampleStack: '',
    pages: [{ value: '/', occurrences: 1, visitors: 1 }],
    browsers: [{ value: 'Chrome', occurrences: 1, visitors: 1 }],
  };
  const groupC = {
    group: C,
    message: 'Item 42 not found',
    frame: RENDER,
    occurrences: 1,
    visitors: 1,
    visits: 1,
    firstSeen: '2026-11-21 13:30:00',
    lastSeen: '2026-11-21 13:30:00',
    firstSeenEver: '2026-11-21 13:30:00',
    sampleStack: `${RENDER}\nmain@https://shop.test/app.js:2:1`,
    pages: [{ value: '/cart', occurrences: 1, visitors: 1 }],
    browsers: [{ value: 'Safari', occurrences: 1, visitors: 1 }],
  };
  const header = { ...range, timezone: 'Asia/Calcutta' };

  test('groups by normalised message and top frame; copies, resends and bots count once or not at all', async () => {
    const { body } = await report(site, 'errors', range).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      ...header,
      groups: [groupA, ...[groupB, groupC].sort((a, b) => (a.group < b.group ? -1 : 1))],
      nextCursor: null,
    });
  });

  test('pages by cursor, every group once', async () => {
    const first = await report(site, 'errors', { ...range, limit: 2 }).expect(200);
    const second = await report(site, 'errors', { ...range, limit: 2, cursor: first.body.nextCursor }).expect(
      200,
    );
    assert.deepEqual(
      [...first.body.groups, ...second.body.groups].map(({ group }: { group: string }) => group),
      [A, ...[B, C].sort()],
    );
    assert.equal(second.body.nextCursor, null);
  });

  test('one group: every local day, its pages and browsers, its latest occurrences', async () => {
    const { body } = await report(site, `errors/${A}`, range).expect(200);
    const sample = (n: number, seenAt: string, message: string, page: string, browser: string) => ({
      eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      seenAt,
      message,
      frame: LOAD,
      stack: stackAt(message, LOAD),
      script: '',
      line: 0,
      column: 0,
      page,
      browser,
    });
    assert.deepEqual(body, {
      siteId: site,
      ...header,
      summary: groupA,
      days: [
        { day: '2026-11-20', occurrences: 2, visitors: 2, visits: 2 },
        { day: '2026-11-21', occurrences: 1, visitors: 1, visits: 1 },
      ],
      samples: [
        sample(3, '2026-11-21 00:30:00', 'Item 9 not found', '/checkout', 'Firefox'),
        sample(2, '2026-11-20 15:30:00', 'Item 7 not found', '/cart', 'Firefox'),
        sample(1, '2026-11-20 00:00:00', 'Item 42 not found', '/cart', 'Chrome'),
      ],
    });
  });

  test('filters: by a visit dimension and by the page', async () => {
    const germany = await report(site, 'errors', {
      ...range,
      filters: '[{"dimension":"country","operator":"is","value":"DE"}]',
    }).expect(200);
    assert.deepEqual(
      germany.body.groups.map(({ group, occurrences, visitors }: typeof groupA) => [
        group,
        occurrences,
        visitors,
      ]),
      [[A, 2, 1]],
    );
    const checkout = await report(site, 'errors', {
      ...range,
      filters: '[{"dimension":"page","operator":"matches","value":"/check*"}]',
    }).expect(200);
    assert.deepEqual(
      checkout.body.groups.map(({ group, occurrences }: typeof groupA) => [group, occurrences]),
      [[A, 1]],
    );
  });

  test('an empty range has no groups; a group without occurrences in the range is a 404', async () => {
    const empty = { from: '2026-10-01', to: '2026-10-31' };
    const { body } = await report(site, 'errors', empty).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      ...empty,
      timezone: 'Asia/Calcutta',
      groups: [],
      nextCursor: null,
    });
    const missing = await report(site, `errors/${A}`, empty).expect(404);
    assert.deepEqual(missing.body, {
      statusCode: 404,
      code: 'not_found',
      message: `error group ${A} not found in this range`,
    });
  });

  test('the groups and one group as CSV', async () => {
    const groups = await csv(site, 'errors', range).expect(200);
    assert.equal(
      groups.headers['content-disposition'],
      `attachment; filename="sluice-site-${site}-errors-2026-11-20-2026-11-21.csv"`,
    );
    const line = (g: typeof groupA) =>
      `"${g.group}","${g.message}","${g.frame}",${g.occurrences},${g.visitors},${g.visits},"${g.firstSeen}","${g.lastSeen}","${g.firstSeenEver}"`;
    assert.equal(
      groups.body,
      [
        '"group_id","message","frame","occurrences","visitors","visits","first_seen","last_seen","first_seen_ever"',
        line(groupA),
        ...[groupB, groupC].sort((a, b) => (a.group < b.group ? -1 : 1)).map(line),
        '',
      ].join('\n'),
    );
    const one = await csv(site, `errors/${B}`, range).expect(200);
    assert.equal(
      one.body,
      '"event_id","seen_at","message","frame","stack","script","page","browser","script_line","script_column"\n' +
        '"00000000-0000-4000-8000-000000000004","2026-11-20 17:30:00","Unhandled: boom","https://shop.test/vendor.js:3","","https://shop.test/vendor.js","/","Chrome",3,7\n',
    );
  });

  test('bad options are a 400 naming the field', async () => {
    await assertRefused(site, [
      ['errors', { ...range, limit: 0 }, 'limit must be an integer from 1 to 100'],
      ['errors', { ...range, cursor: 'nope' }, 'cursor: not a cursor this API gave (nextCursor)'],
      [
        'errors',
        { ...range, compareFrom: '2026-11-01', compareTo: '2026-11-02' },
        'compareFrom: the errors report has no comparison range',
      ],
      [
        'errors',
        { ...range, filters: '[{"dimension":"colour","operator":"is","value":"x"}]' },
        `filters[0].dimension: unknown dimension "colour" (one of ${DIMENSION_NAMES.join(', ')})`,
      ],
      ['errors/NOT-A-GROUP', range, 'group must be an error group id (16 hex digits, lower-case)'],
      ['errors', { from: '2026-11-21', to: '2026-11-20' }, 'to must not be before from'],
    ]);
  });

  test("another user's site and an API key without access are the 404 of a missing site", async () => {
    // Both sites hold the same errors, so group A is found on the one the viewer reads.
    await assertIsolated(
      [
        ['errors', range],
        ['errors', { ...range, format: 'csv' }],
        [`errors/${A}`, range],
        [`errors/${A}`, { ...range, format: 'csv' }],
      ],
      'errors-viewer@shop.test',
      (siteId) => stores.insertEvents(seedErrors(siteId).rows),
    );
  });

  test('the same answers once the days are finalized (each event once, with its visitor)', async () => {
    const requests: Array<[string, Record<string, string | number>]> = [
      ['errors', range],
      [`errors/${A}`, range],
      ['errors', { ...range, filters: '[{"dimension":"page","operator":"is","value":"/cart"}]' }],
      ['errors', { ...range, filters: '[{"dimension":"country","operator":"is","value":"DE"}]' }],
    ];
    const answers = async () =>
      Promise.all(requests.map(async ([path, query]) => (await report(site, path, query).expect(200)).body));
    // The range's first day finalized and its second open (both read, one UNION ALL), then every day.
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-21T12:00:00Z'), answers), '2026-11-20');
    const through = await assertSameOnceFinalized(app, new Date('2026-11-24T12:00:00Z'), answers);
    assert.equal(through, '2026-11-23', 'every day the range reads is finalized');
    const [{ events }] = await stores.query<{ events: string }>(
      `SELECT toString(count()) AS events FROM finalized_events WHERE site_id = ${site} AND name = '$error' AND provisional = 0`,
    );
    assert.equal(Number(events), 6, 'the non-bot errors, each once (no copy, no resend)');
  });
});

test('the OpenAPI description has the errors and vitals routes, their options and typed answers', async () => {
  const { body } = await http.get('/api/docs-json').set('authorization', `Bearer ${token}`).expect(200);
  const routes = [
    ['/api/sites/{siteId}/errors', 'ErrorsReportDto', ['limit', 'cursor']],
    ['/api/sites/{siteId}/errors/{group}', 'ErrorGroupReportDto', ['group']],
    ['/api/sites/{siteId}/vitals', 'VitalsReportDto', ['dimension', 'limit']],
  ] as const;
  for (const [path, schema, options] of routes) {
    const route = body.paths[path].get;
    assert.equal(
      route.responses['200'].content['application/json'].schema.$ref,
      `#/components/schemas/${schema}`,
    );
    const parameters = route.parameters.map(({ name }: { name: string }) => name);
    for (const name of ['siteId', 'from', 'to', 'filters', 'format', ...options])
      assert.ok(parameters.includes(name), `${path} ${name}`);
  }
  assert.deepEqual(Object.keys(body.components.schemas.ErrorGroupDto.properties), [
    'group',
    'message',
    'frame',
    'occurrences',
    'visitors',
    'visits',
    'firstSeen',
    'lastSeen',
    'firstSeenEver',
    'sampleStack',
    'pages',
    'browsers',
  ]);
  assert.deepEqual(Object.keys(body.components.schemas.VitalDto.properties), [
    'samples',
    'p75',
    'good',
    'needsImprovement',
    'poor',
  ]);
  assert.ok(
    body.paths['/api/sites/{siteId}/breakdown'].get.parameters
      .find(({ name }: { name: string }) => name === 'dimension')
      .schema.enum.includes('outbound_link'),
  );
});
