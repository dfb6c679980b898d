import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { trackerSnippet, type SiteEntry } from '@sluice/config';
import { startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { waitUntil } from '@sluice/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { dataSourceOptions, MIGRATIONS } from '../src/metadata/data-source-options.js';
import { CanonicalTimeZones1763900000006 } from '../src/metadata/migrations/1763900000006-canonical-time-zones.js';
import { SITE_DEFAULTS } from '../src/sites/site.js';
import { SiteRecord } from '../src/sites/site.entity.js';
import {
  eventRow,
  inEveryTable,
  newSignedInUser,
  OWNER,
  signIn,
  startTestStores,
  type TestStores,
} from './harness.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let edge: RunningEdge;

before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), ['error', 'fatal']);
  await app.init();
  http = request(app.getHttpServer());
  token = await signIn(http, OWNER);
  // The real edge, reading the sites file the backend writes. Started as root, its workers run as root
  // too: the file is the edge's group's only (0640), and the test has no such group to share.
  const root = process.getuid?.() === 0;
  edge = await startLoopbackEdge(join(stores.dir, 'edge'), [], {
    sitesFile: stores.sitesFile,
    ...(root && { workerUser: { user: 'root', group: 'root' } }),
  });
});

after(async () => {
  await edge?.stop();
  await app?.close();
  await stores?.stop();
});

const as = (method: 'get' | 'post' | 'patch' | 'delete', path: string) =>
  http[method](path).set('authorization', `Bearer ${token}`);

const fileSites = () => (JSON.parse(readFileSync(stores.sitesFile, 'utf8')) as { sites: SiteEntry[] }).sites;

/** The site's stored events. */
async function count(siteId: number): Promise<number> {
  const result = await stores.query<{ n: string }>(
    `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId}`,
  );
  return Number(result[0].n);
}

/**
 * Waits until the retention run has issued one mutation per table of `tables` for the site, and no other:
 * it issues them one table after another, and the events' may be applied before the last is issued.
 */
async function mutationsIssued(siteId: number, tables: string[]): Promise<void> {
  let issued: string[] = [];
  try {
    await waitUntil(
      `a mutation on each of ${tables.join(', ')}`,
      async () => (issued = await stores.siteMutations(siteId)).length >= tables.length,
      { timeoutMs: 20_000 },
    );
  } finally {
    assert.deepEqual(issued, tables, 'one mutation per table with expired rows');
  }
}

/** Closes the backend and starts it again on the same stores, as a restart would. */
async function restartBackend(): Promise<void> {
  await app.close();
  app = await createApp(loadAppConfig(stores.env), ['error', 'fatal']);
  await app.init();
  http = request(app.getHttpServer());
}

/** The edge's answer to one pageview sent with `key`, from a page at `origin`. */
async function beacon(key: string, origin?: string): Promise<number> {
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    headers: origin ? { origin } : {},
    body: JSON.stringify({ s: key, e: [{ n: 'pageview', u: 'https://new.test/' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The edge's answer to a server-side batch of `key`'s site signed with `secret` (README, "Server-side events"). */
async function signedBatch(key: string, secret: string): Promise<number> {
  const body = JSON.stringify({ s: key, e: [{ n: 'purchase', u: 'https://new.test/done' }] });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    headers: { 'x-sluice-timestamp': timestamp, 'x-sluice-signature': `v1=${signature}` },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** The edge re-reads the sites file every second: a change applies within a few. */
const edgeAnswers = (key: string, status: number, origin?: string) =>
  waitUntil(`the edge answering ${status} for ${key}`, async () => (await beacon(key, origin)) === status, {
    timeoutMs: 10_000,
  });

describe('sites', () => {
  test('a new site is in the sites file at once, with its snippet, and the real edge takes its events', async () => {
    const created = await as('post', '/api/sites').send({ name: 'New shop', domain: 'new.test' }).expect(201);
    const site = created.body;
    assert.deepEqual(
      { ...site, siteKey: undefined, id: undefined },
      {
        name: 'New shop',
        domain: 'new.test',
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
        siteKey: undefined,
        id: undefined,
      },
    );
    assert.deepEqual(
      fileSites().find(({ id }) => id === site.id),
      { id: site.id, key: site.siteKey, name: 'New shop', domain: 'new.test', timezone: 'UTC' },
    );
    await edgeAnswers(site.siteKey, 204);

    const updated = await as('patch', `/api/sites/${site.id}`)
      .send({ name: 'Renamed shop', allowedOrigins: ['https://new.test'], privacyMode: 'persistent' })
      .expect(200);
    assert.deepEqual(
      [updated.body.name, updated.body.allowedOrigins, updated.body.privacyMode, updated.body.timezone],
      ['Renamed shop', ['https://new.test'], 'persistent', 'UTC'],
    );
    await edgeAnswers(site.siteKey, 403, 'https://elsewhere.test');
    assert.equal(await beacon(site.siteKey, 'https://new.test'), 204);

    const rotated = await as('post', `/api/sites/${site.id}/key`).expect(200);
    assert.notEqual(rotated.body.siteKey, site.siteKey);
    await edgeAnswers(site.siteKey, 400);
    assert.equal(await beacon(rotated.body.siteKey, 'https://new.test'), 204);

    await as('delete', `/api/sites/${site.id}`).expect(400);
    const wrong = await as('delete', `/api/sites/${site.id}?confirm=other.test`).expect(400);
    assert.match(wrong.body.message, /^confirm must repeat the site's domain \("new\.test"\)/);
    await as('delete', `/api/sites/${site.id}?confirm=new.test`).expect(202);
    await as('get', `/api/sites/${site.id}`).expect(404);
    // The largest id a route takes is one the metadata database can hold (PostgreSQL's integer is signed
    // 32-bit): a missing site, not a failed query.
    const largest = await as('get', '/api/sites/2147483647').expect(404);
    assert.equal(largest.body.message, 'site 2147483647 not found');
    assert.equal(
      fileSites().some(({ id }) => id === site.id),
      false,
    );
    await edgeAnswers(rotated.body.siteKey, 400);

    const audit = await as('get', '/api/audit').expect(200);
    const actions = audit.body
      .filter(({ target }: { target: string }) => target === `site:${site.id}`)
      .map(({ action }: { action: string }) => action);
    assert.deepEqual(actions, ['site.delete', 'site.rotate_key', 'site.update', 'site.create']);
  });

  test("signing secrets: made in the API and shown once, taken by the real edge, kept by a site's changes, revoked", async () => {
    const site = (await as('post', '/api/sites').send({ name: 'Signed', domain: 'signed.test' }).expect(201))
      .body;
    const first = (await as('post', `/api/sites/${site.id}/signing-secrets`).expect(201)).body;
    assert.match(first.secret, /^[\w-]{43}$/, '32 random bytes, base64url');
    assert.deepEqual(first.site.signingSecretIds, [first.id]);
    // Only its id from then on: no answer holds the secret again.
    const read = (await as('get', `/api/sites/${site.id}`).expect(200)).body;
    assert.deepEqual(read.signingSecretIds, [first.id]);
    assert.equal(JSON.stringify(read).includes(first.secret), false);
    await waitUntil(
      'the edge taking the signed batch',
      async () => (await signedBatch(site.siteKey, first.secret)) === 204,
      {
        timeoutMs: 10_000,
      },
    );
    assert.equal(await signedBatch(site.siteKey, 'not-the-secret'), 401);

    // A change of the site's settings keeps its secrets, in the database and in the file the edge reads.
    await as('patch', `/api/sites/${site.id}`).send({ name: 'Signed shop' }).expect(200);
    assert.deepEqual(fileSites().find(({ id }) => id === site.id)?.signingSecrets, [first.secret]);

    // A second beside the first while servers change over; a third is refused until one goes.
    const second = (await as('post', `/api/sites/${site.id}/signing-secrets`).expect(201)).body;
    assert.deepEqual(second.site.signingSecretIds, [first.id, second.id]);
    const third = await as('post', `/api/sites/${site.id}/signing-secrets`).expect(409);
    assert.equal(third.body.message, 'signingSecrets: the site has 2 already; revoke one first');

    const revoked = (await as('delete', `/api/sites/${site.id}/signing-secrets/${first.id}`).expect(200))
      .body;
    assert.deepEqual(revoked.signingSecretIds, [second.id]);
    await waitUntil(
      'the edge refusing the revoked secret',
      async () => (await signedBatch(site.siteKey, first.secret)) === 401,
      {
        timeoutMs: 10_000,
      },
    );
    assert.equal(await signedBatch(site.siteKey, second.secret), 204);
    await as('delete', `/api/sites/${site.id}/signing-secrets/${first.id}`).expect(404);
    const badId = await as('delete', `/api/sites/${site.id}/signing-secrets/nope`).expect(400);
    assert.match(badId.body.message, /^secretId must be 12 hexadecimal digits/);

    // A viewer of the site may not make one; a user without it finds no site.
    const viewer = await newSignedInUser(http, token, {
      email: 'signing-viewer@test.local',
      role: 'viewer',
      siteIds: [site.id],
    });
    await http
      .post(`/api/sites/${site.id}/signing-secrets`)
      .set('authorization', `Bearer ${viewer}`)
      .expect(403);

    const audit = (await as('get', '/api/audit').expect(200)).body as Array<{
      action: string;
      target: string;
      details: unknown;
    }>;
    assert.deepEqual(
      audit
        .filter(
          ({ target, action }) => target === `site:${site.id}` && action.startsWith('site.signing_secret'),
        )
        .map(({ action, details }) => [action, details]),
      [
        ['site.signing_secret.revoke', { secret: first.id }],
        ['site.signing_secret.create', { secret: second.id }],
        ['site.signing_secret.create', { secret: first.id }],
      ],
    );
  });

  test("a deleted site's goals, annotations and dashboards are as gone as its reports; its status stays", async () => {
    const site = (await as('post', '/api/sites').send({ name: 'Closed', domain: 'closed.test' }).expect(201))
      .body;
    const admin = await newSignedInUser(http, token, {
      email: 'closed-admin@shop.test',
      role: 'admin',
      siteIds: [site.id],
    });
    const asAdmin = (method: 'get' | 'post', path: string) =>
      http[method](path).set('authorization', `Bearer ${admin}`);
    await asAdmin('get', `/api/sites/${site.id}/goals`).expect(200);
    await as('delete', `/api/sites/${site.id}?confirm=closed.test`).expect(202);
    for (const request of [as, asAdmin]) {
      for (const path of ['goals', 'annotations', 'dashboards']) {
        const answer = await request('get', `/api/sites/${site.id}/${path}`).expect(404);
        assert.equal(answer.body.message, `site ${site.id} not found`);
      }
      await request('post', `/api/sites/${site.id}/annotations`)
        .send({ date: '2026-11-20', text: 'After the deletion' })
        .expect(404);
    }
    // The owner follows the deletion (its admin too, until the erasing ends and takes their grant).
    const { body: status } = await as('get', `/api/sites/${site.id}/status`).expect(200);
    assert.deepEqual([status.id, status.domain], [site.id, 'closed.test']);
    assert.ok(['deleting', 'deleted'].includes(status.status), status.status);
  });

  test('deleting a site deletes its data in every table, and only its data', async () => {
    const site = (await as('post', '/api/sites').send({ name: 'gone.test', domain: 'gone.test' }).expect(201))
      .body;
    const kept = (await as('post', '/api/sites').send({ name: 'kept.test', domain: 'kept.test' }).expect(201))
      .body;
    await stores.insertEvents([
      eventRow({ site_id: site.id }),
      eventRow({ site_id: site.id }),
      eventRow({ site_id: kept.id }),
    ]);
    await stores.command(
      `INSERT INTO sluice.autocapture_names VALUES (${site.id}, 'f1', 'Buy', 'manual', now()), (${kept.id}, 'f1', 'Buy', 'manual', now())`,
    );
    assert.deepEqual(await stores.siteHoldings(site.id), inEveryTable(2, 1));
    assert.deepEqual(await stores.siteHoldings(kept.id), inEveryTable(1, 1));
    await as('delete', `/api/sites/${site.id}?confirm=gone.test`).expect(202);
    await waitUntil('the mutations applied', async () => {
      assert.deepEqual(await stores.siteRows(site.id), inEveryTable(0, 0));
      return true;
    });
    assert.deepEqual(await stores.siteHoldings(kept.id), inEveryTable(1, 1));
  });

  test("a site's own retention deletes its older months at each start, and nothing of other sites; a mutation only where rows expired", async () => {
    const longAgo = '2025-01-15 12:00:00';
    const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
    const newSite = async (domain: string) =>
      (await as('post', '/api/sites').send({ name: domain, domain, retentionMonths: 1 }).expect(201)).body;
    const site = await newSite('brief.test');
    await stores.insertEvents([
      eventRow({ site_id: site.id, ts: longAgo }),
      eventRow({ site_id: site.id, ts: now }),
      eventRow({ site_id: 1, ts: longAgo }),
    ]);
    const siteOne = await count(1);
    assert.equal(await count(site.id), 2, 'nothing is deleted before the daily run');
    await restartBackend();
    await waitUntil('the old month deleted', async () => (await count(site.id)) === 1, { timeoutMs: 20_000 });
    assert.equal(await count(1), siteOne, 'site 1 keeps the server-wide retention');
    const expiring = ['events', 'sessions_daily', 'traffic_hourly'];
    await mutationsIssued(site.id, expiring);
    assert.deepEqual(await stores.siteMutations(1), []);
    // ClickHouse applies them in the background, table by table: the next run comes once all are.
    await waitUntil(
      'the mutations applied',
      async () =>
        (await stores.query(`SELECT 1 FROM system.mutations WHERE database = 'sluice' AND is_done = 0`))
          .length === 0,
      { timeoutMs: 20_000 },
    );

    // The next run finds nothing expired in the site: once it reached a later site (sites go in id order),
    // it has passed this one.
    const later = await newSite('later.test');
    await stores.insertEvents([eventRow({ site_id: later.id, ts: longAgo })]);
    await restartBackend();
    await waitUntil("the later site's old month deleted", async () => (await count(later.id)) === 0, {
      timeoutMs: 20_000,
    });
    await mutationsIssued(later.id, expiring);
    assert.deepEqual(await stores.siteMutations(site.id), expiring, 'no new mutation: no table rewritten');
    assert.equal(await count(site.id), 1);
  });

  test('time zone names are stored in their canonical spelling, as ClickHouse knows them', async () => {
    const created = await as('post', '/api/sites')
      .send({ name: 'Berlin shop', domain: 'berlin.test', timezone: 'europe/berlin' })
      .expect(201);
    assert.equal(created.body.timezone, 'Europe/Berlin');
    const changed = await as('patch', `/api/sites/${created.body.id}`)
      .send({ timezone: 'AMERICA/NEW_YORK' })
      .expect(200);
    assert.equal(changed.body.timezone, 'America/New_York');
    assert.equal(fileSites().find(({ id }) => id === created.body.id)?.timezone, 'America/New_York');
    const unknown = await as('patch', `/api/sites/${created.body.id}`).send({ timezone: 'europe/atlantis' });
    assert.deepEqual(
      [unknown.status, unknown.body.message],
      [400, 'timezone must be an IANA time zone such as Europe/Berlin'],
    );
    await as('delete', `/api/sites/${created.body.id}?confirm=berlin.test`).expect(202);
  });

  test("a site's shields (addresses, countries, pages): stored as given, in the sites file the edge reads, cleared", async () => {
    const created = await as('post', '/api/sites')
      .send({ name: 'Office', domain: 'office.test' })
      .expect(201);
    const shields = {
      blockedAddresses: ['198.51.100.0/24', '203.0.113.7', '2001:db8::/32'],
      blockedCountries: ['CN'],
      blockedPages: ['/admin/**', '/preview/*', '/checkout/thank-you'],
    };
    const names = Object.keys(shields) as Array<keyof typeof shields>;
    const updated = await as('patch', `/api/sites/${created.body.id}`).send(shields).expect(200);
    assert.deepEqual(
      names.map((name) => updated.body[name]),
      Object.values(shields),
    );
    const entry = () => fileSites().find(({ id }) => id === created.body.id);
    assert.deepEqual(
      names.map((name) => entry()?.[name]),
      Object.values(shields),
    );
    // A page typed as people read it is kept as browsers send it: percent-encoded beyond ASCII.
    const typed = await as('patch', `/api/sites/${created.body.id}`)
      .send({ blockedPages: ['/über-uns/**', '/café/*'] })
      .expect(200);
    assert.deepEqual(typed.body.blockedPages, ['/%C3%BCber-uns/**', '/caf%C3%A9/*']);
    const cleared = await as('patch', `/api/sites/${created.body.id}`)
      .send(Object.fromEntries(names.map((name) => [name, []])))
      .expect(200);
    assert.deepEqual(
      names.map((name) => cleared.body[name]),
      [[], [], []],
    );
    assert.deepEqual(
      names.map((name) => entry()?.[name]),
      [undefined, undefined, undefined],
      'none: left out',
    );
  });

  test('bad settings are 400s naming the field and the rule', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'x', domain: 'Shop.Test' }, 'domain must be a lower-case host name such as shop.example.com'],
      // DNS's bounds: a label of 64 characters, a name of 254.
      [
        { name: 'x', domain: `${'a'.repeat(64)}.test` },
        'domain must be a lower-case host name such as shop.example.com',
      ],
      [
        { name: 'x', domain: `${'a.'.repeat(124)}test.test` },
        'domain must be a lower-case host name such as shop.example.com',
      ],
      [{ name: '', domain: 'a.test' }, 'name must be 1 to 200 characters'],
      // PostgreSQL's text holds no NUL: refused here, not a 500 from the database.
      [{ name: 'a\u0000b', domain: 'a.test' }, 'name must not contain the NUL character'],
      [
        { name: 'x', domain: 'a.test', timezone: 'Mars/Olympus' },
        'timezone must be an IANA time zone such as Europe/Berlin',
      ],
      [
        { name: 'x', domain: 'a.test', allowedOrigins: ['https://a.test/path'] },
        'allowedOrigins must hold origins such as https://shop.example.com (no path)',
      ],
      [
        { name: 'x', domain: 'a.test', privacyMode: 'tracking' },
        'privacyMode must be one of cookieless, persistent',
      ],
      [{ name: 'x', domain: 'a.test', botPolicy: 'keep' }, 'botPolicy must be one of flag, drop'],
      ...[
        '198.51.100.0/33',
        '2001:db8::/129',
        'shop.test',
        '10.0.0.1 ',
        'fe80::1%eth0',
        '1.2.3.4/8/8',
        '/24',
      ].map((range): [object, string] => [
        { name: 'x', domain: 'a.test', blockedAddresses: ['192.0.2.1', range] },
        'blockedAddresses must hold IPv4 or IPv6 addresses, or ranges such as 198.51.100.0/24 or 2001:db8::/32',
      ]),
      [
        {
          name: 'x',
          domain: 'a.test',
          blockedAddresses: Array.from({ length: 101 }, (_, i) => `192.0.2.${i}`),
        },
        'blockedAddresses holds at most 100 addresses',
      ],
      ...[['cn'], ['CHN'], ['C'], [7]].map((countries): [object, string] => [
        { name: 'x', domain: 'a.test', blockedCountries: countries },
        'blockedCountries must be a list of at most 249 upper-case two-letter country codes such as CN',
      ]),
      ...[
        ['admin/**'],
        ['/a b'],
        ['/tab\t'],
        [''],
        [`/${'x'.repeat(200)}`],
        Array.from({ length: 31 }, (_, i) => `/p${i}`),
        'x',
      ].map((pages): [object, string] => [
        { name: 'x', domain: 'a.test', blockedPages: pages },
        'blockedPages must be a list of at most 30 page paths starting with /, each at most 200 characters without spaces, such as /admin/**',
      ]),
      [
        { name: 'x', domain: 'a.test', retentionMonths: 0 },
        'retentionMonths must be a whole number of months from 1 to 1200, or null',
      ],
      [{ name: 'x', domain: 'a.test', key: 'mine' }, 'property key should not exist'],
    ];
    for (const [body, message] of cases) {
      const response = await as('post', '/api/sites').send(body).expect(400);
      assert.deepEqual(
        response.body,
        { statusCode: 400, code: 'validation_failed', message },
        JSON.stringify(body),
      );
    }
    const kept = await as('post', '/api/sites')
      .send({ name: 'r', domain: 'r.test', retentionMonths: 3 })
      .expect(201);
    const cleared = await as('patch', `/api/sites/${kept.body.id}`)
      .send({ retentionMonths: null })
      .expect(200);
    assert.equal(cleared.body.retentionMonths, null, 'null: the server-wide retention again');
  });
});

describe('an install from before the database', () => {
  test("brings its sites file's sites along, ids and keys unchanged", async () => {
    const dir = join(stores.dir, 'upgrade');
    mkdirSync(dir, { recursive: true });
    const sitesFile = join(dir, 'sites.json');
    const kept: SiteEntry[] = [
      { id: 3, key: 'kept-key-3', name: 'three.test', domain: 'three.test', timezone: 'europe/berlin' },
      {
        id: 7,
        key: 'kept-key-7',
        name: 'seven.test',
        domain: 'seven.test',
        timezone: 'UTC',
        privacyMode: 'persistent',
      },
    ];
    writeFileSync(sitesFile, JSON.stringify({ version: 1, sites: kept }));
    const upgraded = await createApp(
      loadAppConfig({ ...stores.env, SLUICE_SITES_FILE: sitesFile, ...stores.freshMetadata('upgrade') }),
      ['error', 'fatal'],
    );
    await upgraded.init();
    try {
      const client = request(upgraded.getHttpServer());
      const owner = await signIn(client, OWNER);
      const listed = await client.get('/api/sites').set('authorization', `Bearer ${owner}`).expect(200);
      assert.deepEqual(
        listed.body.map(({ id, siteKey, privacyMode, timezone }: Record<string, unknown>) => [
          id,
          siteKey,
          privacyMode,
          timezone,
        ]),
        [
          [3, 'kept-key-3', 'cookieless', 'Europe/Berlin'],
          [7, 'kept-key-7', 'persistent', 'UTC'],
        ],
        'time zones as typed then are canonical now',
      );
      const next = await client
        .post('/api/sites')
        .set('authorization', `Bearer ${owner}`)
        .send({ name: 'eight.test', domain: 'eight.test' })
        .expect(201);
      assert.equal(next.body.id, 8);
      assert.deepEqual(
        (JSON.parse(readFileSync(sitesFile, 'utf8')) as { sites: SiteEntry[] }).sites.map(({ id }) => id),
        [3, 7, 8],
      );
    } finally {
      await upgraded.close();
    }
  });
});

describe('a database from before time zones were canonical', () => {
  test("has its sites' time zones canonicalized by the migration", async () => {
    const env = {
      ...stores.env,
      ...stores.freshMetadata('typed-time-zones'),
      SLUICE_SITES_FILE: join(stores.dir, 'typed-time-zones', 'sites.json'),
    };
    const before = new DataSource({
      ...dataSourceOptions(loadAppConfig(env)),
      migrations: MIGRATIONS.filter((migration) => migration !== CanonicalTimeZones1763900000006),
    });
    await before.initialize();
    await before.getRepository(SiteRecord).insert({
      ...SITE_DEFAULTS,
      key: 'typed-key',
      name: 'typed.test',
      domain: 'typed.test',
      timezone: 'europe/berlin',
    });
    await before.destroy();
    const upgraded = await createApp(loadAppConfig(env), ['error', 'fatal']);
    await upgraded.init();
    try {
      const client = request(upgraded.getHttpServer());
      const owner = await signIn(client, OWNER);
      const listed = await client.get('/api/sites').set('authorization', `Bearer ${owner}`).expect(200);
      assert.deepEqual(
        listed.body.map(({ name, timezone }: Record<string, unknown>) => [name, timezone]),
        [['typed.test', 'Europe/Berlin']],
      );
    } finally {
      await upgraded.close();
    }
  });
});
