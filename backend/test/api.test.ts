import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { trackerSnippet } from '@sluice/config';
import { createApp } from '../src/app.js';
import { ClickHouseService } from '../src/clickhouse/clickhouse.service.js';
import { bind, sql } from '../src/clickhouse/sql-binder.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { eventRow, OWNER, RecordingLogger, signIn, startTestStores, type TestStores } from './harness.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
const logger = new RecordingLogger();

before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), logger);
  await app.init();
  http = request(app.getHttpServer());
  token = await signIn(http, OWNER);
});

after(async () => {
  await app?.close();
  await stores?.stop();
});

/** A GET as the owner. */
const authed = (path: string) => http.get(path).set('authorization', `Bearer ${token}`);

describe('sites', () => {
  test('the first start creates the default site, logs its key and writes the sites file the edge reads', async () => {
    const response = await authed('/api/sites').expect(200);
    assert.equal(response.body.length, 1);
    const [site] = response.body;
    assert.match(site.siteKey, /^[A-Za-z0-9_-]{22}$/, '16 random bytes, base64url');
    assert.deepEqual(response.body, [
      {
        id: 1,
        name: 'shop.test',
        domain: 'shop.test',
        siteKey: site.siteKey,
        timezone: 'UTC',
        allowedOrigins: [],
        blockedAddresses: [],
        blockedCountries: [],
        blockedPages: [],
        privacyMode: 'cookieless',
        botPolicy: 'flag',
        retentionMonths: null,
        signingSecretIds: [],
        snippet: trackerSnippet(site.siteKey),
      },
    ]);
    assert.deepEqual(JSON.parse(readFileSync(stores.sitesFile, 'utf8')), {
      version: 1,
      sites: [{ id: 1, key: site.siteKey, name: 'shop.test', domain: 'shop.test', timezone: 'UTC' }],
    });
    assert.equal(statSync(stores.sitesFile).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dirname(stores.sitesFile)), ['sites.json'], 'no temp file is left behind');
    assert.deepEqual(
      logger.lines.filter(({ text }) => text.includes(site.siteKey)).map(({ text }) => text),
      [`Created the default site 1 "shop.test"; its site key is ${site.siteKey}`],
    );
  });
});

describe('the overview report', () => {
  /** A site of the describe's own that counts days in New York. */
  let newYork: { id: number };
  /** Each visitor's events are one visit of theirs. */
  const visit = (overrides: Parameters<typeof eventRow>[0]) =>
    eventRow({ session_id: overrides.visitor_id, ...overrides });
  before(async () => {
    const redelivered = visit({ visitor_id: 'v2', pathname: '/twice' });
    await stores.insertEvents([
      visit({ visitor_id: 'v1' }),
      visit({ visitor_id: 'v1', pathname: '/pricing' }),
      redelivered,
      redelivered, // the pipeline delivered it twice: counted once
      visit({ visitor_id: 'v3', name: 'signup' }), // a visitor, not a pageview
      visit({ visitor_id: 'v4', site_id: 99 }), // another site
      visit({ visitor_id: 'crawler', is_bot: 1 }), // flagged by the edge (bot policy "flag"): not a visitor
      visit({ visitor_id: 'v5', ts: '2026-11-19 23:59:59' }), // the day before, in UTC
    ]);
    // New York is UTC-5 in November: the site's 20th runs from 05:00 UTC to 05:00 UTC.
    ({ body: newYork } = await http
      .post('/api/sites')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'ny.test', domain: 'ny.test', timezone: 'America/New_York' })
      .expect(201));
    await stores.insertEvents(
      [
        ['a', '2026-11-20 04:59:59'], // 19th, 23:59:59 local
        ['b', '2026-11-20 05:00:00'], // 20th, 00:00:00 local
        ['c', '2026-11-21 04:59:59'], // 20th, 23:59:59 local
        ['d', '2026-11-21 05:00:00'], // 21st
      ].map(([visitor_id, ts]) => visit({ site_id: newYork.id, visitor_id, ts })),
    );
  });

  test('counts visitors and pageviews over whole days, each event once, bots left out', async () => {
    const logged = logger.lines.length;
    const response = await authed('/api/sites/1/overview?from=2026-11-20&to=2026-11-20').expect(200);
    assert.deepEqual(response.body, {
      siteId: 1,
      from: '2026-11-20',
      to: '2026-11-20',
      timezone: 'UTC',
      source: 'rollup',
      sampling: null,
      metrics: {
        visitors: 3,
        visits: 3,
        pageviews: 3,
        events: 4,
        views_per_visit: 1,
        bounce_rate: 66.67,
        visit_duration: 0,
      },
      comparison: null,
      change: null,
    });
    const twoDays = await authed('/api/sites/1/overview?from=2026-11-19&to=2026-11-20').expect(200);
    assert.deepEqual([twoDays.body.metrics.visitors, twoDays.body.metrics.pageviews], [4, 4]);
    const empty = await authed('/api/sites/1/overview?from=2026-11-21&to=2026-11-21').expect(200);
    assert.deepEqual([empty.body.metrics.visitors, empty.body.metrics.pageviews], [0, 0]);
    assert.deepEqual(
      logger.lines
        .slice(logged)
        .map(({ text }) => text.replace(/ in \d+\.\d ms, \d+ rows read$/, ' in … ms, … rows read')),
      Array(3).fill('report:overview:rollup: 1 rows in … ms, … rows read'),
      'each query is logged once, with its duration and the rows it read',
    );
  });

  test("days are the site's days: its time zone moves the boundary", async () => {
    const counts = async (from: string, to: string) => {
      const { body } = await authed(`/api/sites/${newYork.id}/overview?from=${from}&to=${to}`).expect(200);
      return [body.metrics.visitors, body.metrics.pageviews];
    };
    assert.deepEqual(await counts('2026-11-19', '2026-11-19'), [1, 1]);
    assert.deepEqual(await counts('2026-11-20', '2026-11-20'), [2, 2]);
    assert.deepEqual(await counts('2026-11-21', '2026-11-21'), [1, 1]);
  });

  test('a range may span 366 days, not more', async () => {
    await authed('/api/sites/1/overview?from=2025-11-20&to=2026-11-20').expect(200);
  });

  test('bad input is a 400 that names the field and the rule', async () => {
    const cases: Array<[string, string]> = [
      ['?to=2026-11-20', 'from must be a calendar date as YYYY-MM-DD'],
      ['?from=2026-11-20', 'to must be a calendar date as YYYY-MM-DD'],
      ['?from=2026-02-30&to=2026-03-01', 'from must be a calendar date as YYYY-MM-DD'],
      ['?from=2026-11-20&to=20261121', 'to must be a calendar date as YYYY-MM-DD'],
      ['?from=2026-11-20&from=2026-11-21&to=2026-11-21', 'from must be a calendar date as YYYY-MM-DD'],
      ['', 'from must be a calendar date as YYYY-MM-DD; to must be a calendar date as YYYY-MM-DD'],
      ['?from=2026-11-21&to=2026-11-20', 'to must not be before from'],
      [
        '?from=2025-11-19&to=2026-11-20',
        'to must be at most 365 days after from (a range spans at most 366 days)',
      ],
      ['?from=2026-11-20&to=2026-11-20&x=1', 'property x should not exist'],
    ];
    for (const [query, message] of cases) {
      const response = await authed(`/api/sites/1/overview${query}`);
      assert.deepEqual(response.body, { statusCode: 400, code: 'validation_failed', message }, query);
    }
    for (const siteId of ["1'", '0', '1e3', '1.0', '-1', '2147483648', '4294967296']) {
      const response = await authed(`/api/sites/${siteId}/overview?from=2026-11-20&to=2026-11-20`).expect(
        400,
      );
      assert.equal(response.body.message, 'siteId must be a positive integer (at most 2147483647)', siteId);
    }
  });

  test('an unknown site is not found', async () => {
    const response = await authed('/api/sites/42/overview?from=2026-11-20&to=2026-11-20').expect(404);
    assert.deepEqual(response.body, { statusCode: 404, code: 'not_found', message: 'site 42 not found' });
  });

  test('an unknown route has the same error shape', async () => {
    const response = await authed('/api/nothing-here').expect(404);
    assert.deepEqual(response.body, {
      statusCode: 404,
      code: 'not_found',
      message: 'Cannot GET /api/nothing-here',
    });
  });
});

describe('API quality', () => {
  test('OpenAPI at /api/docs, generated from the routes and their DTOs', async () => {
    await authed('/api/docs').expect(200).expect('content-type', /html/);
    const { body } = await authed('/api/docs-json').expect(200);
    for (const path of [
      '/api/auth/login',
      '/api/users/{userId}',
      '/api/sites',
      '/api/sites/{siteId}',
      '/api/sites/{siteId}/overview',
      '/api/sites/{siteId}/timeseries',
      '/api/sites/{siteId}/breakdown',
      '/api/sites/{siteId}/goals',
      '/api/sites/{siteId}/goals/{goalId}',
      '/api/sites/{siteId}/annotations',
      '/api/sites/{siteId}/annotations/{annotationId}',
      '/api/audit',
      '/api/ready',
    ])
      assert.ok(body.paths[path], `${path} is documented`);
    const site = body.components.schemas.CreateSiteDto;
    assert.deepEqual(Object.keys(site.properties).sort(), [
      'allowedOrigins',
      'blockedAddresses',
      'blockedCountries',
      'blockedPages',
      'botPolicy',
      'domain',
      'name',
      'privacyMode',
      'retentionMonths',
      'timezone',
    ]);
    assert.deepEqual(site.required, ['name', 'domain']);
    assert.deepEqual(body.components.securitySchemes.bearer.scheme, 'bearer');
    // Every report's answer is a typed schema, its metrics one property per declared metric.
    for (const [path, schema] of [
      ['/api/sites/{siteId}/overview', 'OverviewReportDto'],
      ['/api/sites/{siteId}/timeseries', 'TimeseriesReportDto'],
      ['/api/sites/{siteId}/breakdown', 'BreakdownReportDto'],
    ])
      assert.equal(
        body.paths[path].get.responses['200'].content['application/json'].schema.$ref,
        `#/components/schemas/${schema}`,
      );
    assert.deepEqual(Object.keys(body.components.schemas.MetricValuesDto.properties), [
      'visitors',
      'visits',
      'pageviews',
      'events',
      'views_per_visit',
      'bounce_rate',
      'visit_duration',
      'conversions',
      'conversion_rate',
    ]);
    const goal = body.components.schemas.CreateGoalDto;
    assert.deepEqual(Object.keys(goal.properties), [
      'name',
      'kind',
      'match',
      'propertyKey',
      'propertyValue',
      'scrollDepth',
    ]);
    assert.deepEqual(goal.required, ['name', 'kind', 'match']);
    assert.equal(
      body.paths['/api/sites/{siteId}/goals'].get.responses['200'].content['application/json'].schema.items
        .$ref,
      '#/components/schemas/GoalResponse',
    );
    assert.deepEqual(
      body.paths['/api/sites/{siteId}/breakdown'].get.parameters
        .map(({ name }: { name: string }) => name)
        .sort(),
      [
        'compareFrom',
        'compareTo',
        'cursor',
        'dimension',
        'filters',
        'format',
        'from',
        'goal',
        'limit',
        'metrics',
        'order',
        'sample',
        'siteId',
        'to',
      ],
    );
  });

  test('security headers (helmet; all of them in public-url.test.ts), no cross-origin callers, a request id on every answer', async () => {
    const response = await authed('/api/sites').expect(200);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(response.headers['content-security-policy'], /default-src 'none'/);
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.match(response.headers['x-request-id'], /^[0-9a-f-]{36}$/);
    const forwarded = await http.get('/api/health').set('x-request-id', 'edge-abc-12345').expect(200);
    assert.equal(forwarded.headers['x-request-id'], 'edge-abc-12345', "a proxy's request id is kept");
    const preflight = await http
      .options('/api/sites')
      .set('origin', 'https://evil.test')
      .set('access-control-request-method', 'GET');
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  test('/api/ready checks ClickHouse and the metadata database; /metrics counts requests by route', async () => {
    const ready = await http.get('/api/ready').expect(200);
    assert.deepEqual(ready.body, { status: 'ready', clickhouse: 'ok', metadata: 'ok' });
    const scrape = () => http.get('/metrics').expect(200);
    const served = async () =>
      Number(
        /^sluice_backend_http_request_duration_seconds_count\{method="GET",route="\/api\/sites\/:siteId",status="200"\} (\d+)$/m.exec(
          (await scrape()).text,
        )?.[1] ?? 0,
      );
    const before = await served();
    await authed('/api/sites/1').expect(200);
    assert.equal(await served(), before + 1);
    const metrics = await scrape();
    assert.match(metrics.headers['content-type'], /^text\/plain/);
    assert.match(metrics.text, /sluice_backend_process_resident_memory_bytes \d+/);
    await http.get('/api/metrics').expect(404);
  });
});

describe('the SQL binder on a real ClickHouse', () => {
  test('bound values come back unchanged through the reader account', async () => {
    const clickhouse = app.get(ClickHouseService);
    const strings = [
      "it's",
      'back\\slash',
      'trailing\\',
      "\\'",
      'nul\0byte',
      'new\nline\ttab',
      "'; DROP TABLE events --",
      'ünï €',
    ];
    for (const value of strings) {
      const [row] = await clickhouse.rows<{ value: string }>({
        name: 'binder-check',
        sql: sql`SELECT ${bind.string(value)} AS value`,
      });
      assert.equal(row.value, value, JSON.stringify(value));
    }
    const [row] = await clickhouse.rows<{ start: number; day: string }>({
      name: 'binder-check',
      sql: sql`SELECT toUnixTimestamp(${bind.startOfDay('2026-11-20', 'America/New_York')}) AS start,
        toString(${bind.date('2028-02-29')}) AS day`,
    });
    assert.deepEqual(row, { start: Date.UTC(2026, 10, 20, 5) / 1000, day: '2028-02-29' });
  });
});

describe('when ClickHouse is gone', () => {
  test('a report is a 503 busy with Retry-After, and the cause is logged', async () => {
    // Killed rather than stopped: a graceful stop waits for the client's kept-alive connections.
    stores.clickhouse.process.kill('SIGKILL');
    await stores.clickhouse.process.waitForExit();
    const ready = await http.get('/api/ready').expect(503);
    assert.deepEqual(ready.body, { status: 'unavailable', clickhouse: 'unavailable', metadata: 'ok' });
    const logged = logger.lines.length;
    const response = await authed('/api/sites/1/overview?from=2026-11-20&to=2026-11-20').expect(503);
    assert.deepEqual(response.body, {
      statusCode: 503,
      code: 'busy',
      message: 'the analytics database did not answer: try again in a moment',
    });
    assert.equal(response.headers['retry-after'], '10');
    const errors = logger.lines.slice(logged).filter(({ level }) => level === 'error');
    assert.equal(errors.length, 1, 'the cause, once');
    assert.match(errors[0].text, /ECONNREFUSED|ECONNRESET|socket hang up/);
  });
});
