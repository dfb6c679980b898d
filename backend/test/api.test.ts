import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { INestApplication } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { freePort, startClickHouse, type RunningClickHouse } from '@sluice/services';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';

const TOKEN = randomBytes(24).toString('base64url');
const secret = () => randomBytes(12).toString('hex');
const credentials = {
  admin: { username: 'sluice_admin', password: secret() },
  ingest: { username: 'sluice_ingest', password: secret() },
  reader: { username: 'sluice_reader', password: secret() },
};

let dir: string;
let clickhouse: RunningClickHouse;
let admin: ClickHouseClient;
let app: INestApplication;
let http: ReturnType<typeof request>;

function row(overrides: Partial<EventRow>): EventRow {
  return {
    event_id: randomUUID(),
    site_id: 1,
    ts: '2026-11-20 12:00:00',
    name: 'pageview',
    hostname: 'shop.test',
    pathname: '/',
    referrer: '',
    visitor_id: 'v1',
    session_id: 's1',
    props_keys: [],
    props_values: [],
    ...overrides,
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-backend-'));
  clickhouse = await startClickHouse({
    dir: join(dir, 'clickhouse'),
    httpPort: await freePort(),
    tcpPort: await freePort(),
    database: 'sluice',
    credentials,
  });
  const env = {
    BACKEND_PORT: '3000',
    CLICKHOUSE_URL: clickhouse.url,
    CLICKHOUSE_ADMIN_USER: credentials.admin.username,
    CLICKHOUSE_ADMIN_PASSWORD: credentials.admin.password,
    CLICKHOUSE_READER_USER: credentials.reader.username,
    CLICKHOUSE_READER_PASSWORD: credentials.reader.password,
    SLUICE_API_TOKEN: TOKEN,
    SLUICE_SITES_FILE: join(dir, 'state', 'sites.json'),
    SLUICE_DEFAULT_SITE_DOMAIN: 'shop.test',
  };
  app = await createApp(loadAppConfig(env), ['error']);
  await app.init();
  http = request(app.getHttpServer());
  admin = createClient({ url: clickhouse.url, database: 'sluice', ...credentials.admin });
});

after(async () => {
  await admin?.close();
  await app?.close();
  await clickhouse?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const authed = (path: string) => http.get(path).set('authorization', `Bearer ${TOKEN}`);

describe('auth', () => {
  test('health needs no token', async () => {
    const response = await http.get('/api/health').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  test('every other route needs the API token', async () => {
    for (const header of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const pending = http.get('/api/sites');
      const response = await (header ? pending.set('authorization', header) : pending);
      assert.equal(response.status, 401, String(header));
      assert.equal(response.body.code, 'unauthenticated');
    }
    await authed('/api/sites').expect(200);
  });
});

describe('sites', () => {
  test('the first start creates the default site in the sites file the edge reads', async () => {
    const response = await authed('/api/sites').expect(200);
    assert.equal(response.body.length, 1);
    const [site] = response.body;
    assert.deepEqual(
      { ...site, siteKey: undefined },
      { id: 1, name: 'shop.test', domain: 'shop.test', siteKey: undefined, timezone: 'UTC' },
    );
    assert.match(site.siteKey, /^[A-Za-z0-9_-]{22}$/);
    const sitesFile = join(dir, 'state', 'sites.json');
    const file = JSON.parse(readFileSync(sitesFile, 'utf8'));
    assert.deepEqual(file, {
      version: 1,
      sites: [{ id: 1, key: site.siteKey, name: 'shop.test', domain: 'shop.test', timezone: 'UTC' }],
    });
    assert.equal(statSync(sitesFile).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(join(dir, 'state')), ['sites.json'], 'no temp file is left behind');
  });
});

describe('the overview report', () => {
  before(async () => {
    const duplicate = row({ visitor_id: 'v2', pathname: '/twice' });
    const rows = [
      row({ visitor_id: 'v1' }),
      row({ visitor_id: 'v1', pathname: '/pricing' }),
      duplicate,
      duplicate, // delivered twice by the pipeline: counted once
      row({ visitor_id: 'v3', name: 'signup' }), // not a pageview, but a visitor
      row({ visitor_id: 'v4', site_id: 2 }), // another site
      row({ visitor_id: 'v5', ts: '2026-11-19 23:59:59' }), // the day before, in UTC
    ];
    await admin.insert({ table: 'events', values: rows, format: 'JSONEachRow' });
  });

  test('counts visitors and pageviews over whole days, each event once', async () => {
    const response = await authed('/api/sites/1/overview?from=2026-11-20&to=2026-11-20').expect(200);
    assert.deepEqual(response.body, {
      siteId: 1,
      from: '2026-11-20',
      to: '2026-11-20',
      visitors: 3,
      pageviews: 3,
    });
    const wider = await authed('/api/sites/1/overview?from=2026-11-19&to=2026-11-20').expect(200);
    assert.deepEqual([wider.body.visitors, wider.body.pageviews], [4, 4]);
  });

  test("days are the site's days: the time zone moves the boundary", async () => {
    const sitesFile = join(dir, 'state', 'sites.json');
    const file = JSON.parse(readFileSync(sitesFile, 'utf8'));
    writeFileSync(
      sitesFile,
      JSON.stringify({ ...file, sites: [{ ...file.sites[0], timezone: 'America/New_York' }] }),
    );
    try {
      // 2026-11-19 23:59:59 UTC is 18:59:59 on the 19th in New York; 12:00 UTC on the 20th is 07:00 there.
      const response = await authed('/api/sites/1/overview?from=2026-11-19&to=2026-11-19').expect(200);
      assert.deepEqual([response.body.visitors, response.body.pageviews], [1, 1]);
    } finally {
      writeFileSync(sitesFile, JSON.stringify(file));
    }
  });

  test('bad input is a 400 that names the field and the rule', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/sites/1/overview?to=2026-11-20', /^from must be a calendar date as YYYY-MM-DD/],
      ['/api/sites/1/overview?from=2026-11-20', /^to must be a calendar date as YYYY-MM-DD/],
      ['/api/sites/1/overview?from=2026-02-30&to=2026-03-01', /^from must be a calendar date/],
      ['/api/sites/1/overview?from=2026-11-20&to=20261121', /^to must be a calendar date/],
      ['/api/sites/1/overview?from=2026-11-21&to=2026-11-20', /^to must not be before from/],
      ['/api/sites/1/overview?from=2024-01-01&to=2026-11-20', /^to must be within 366 days/],
      ["/api/sites/1'/overview?from=2026-11-20&to=2026-11-20", /^siteId must be a positive integer/],
      ['/api/sites/1/overview?from=2026-11-20&to=2026-11-20&x=1', /property x should not exist/],
    ];
    for (const [path, message] of cases) {
      const response = await authed(path);
      assert.equal(response.status, 400, path);
      assert.equal(response.body.code, 'validation_failed');
      assert.equal(response.body.statusCode, 400);
      assert.match(response.body.message, message, path);
    }
  });

  test('an unknown site is not found', async () => {
    const response = await authed('/api/sites/99/overview?from=2026-11-20&to=2026-11-20').expect(404);
    assert.deepEqual(response.body, { statusCode: 404, code: 'not_found', message: 'site 99 not found' });
  });
});
