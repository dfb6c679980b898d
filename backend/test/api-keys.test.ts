/**
 * API keys over the real app (SQLite, or PostgreSQL from postgres.test.ts) and a real ClickHouse 18.16: shown
 * once and stored as a hash, reading the reports of the sites their user may read at the time, refused when
 * revoked or past their budget, and managed by their own user only (owners may revoke any). That every route
 * but the reports refuses a key is walked route by route in auth.test.ts.
 */
import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { SIGNING_SECRET } from '../src/auth/signing-secret.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { eventRow, OWNER, RecordingLogger, signIn, startTestStores, type TestStores } from './harness.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let ownerToken: string;
/** Everything the app logged, at every level: no key may appear in it. */
const logger = new RecordingLogger();
/** Every key the tests were given. */
const keysSeen: string[] = [];

before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), logger);
  await app.init();
  const { port } = app.getHttpServer().listen(0).address() as { port: number };
  http = request(`http://127.0.0.1:${port}`);
  ownerToken = await signIn(http, OWNER);
});

after(async () => {
  await app?.close();
  await stores?.stop();
});

const bearer = (token: string) => ['authorization', `Bearer ${token}`] as const;

async function newSite(domain: string): Promise<number> {
  const { body } = await http
    .post('/api/sites')
    .set(...bearer(ownerToken))
    .send({ name: domain, domain })
    .expect(201);
  return body.id as number;
}

/** A user of `role` with `siteIds`, signed in with a password of their own. */
async function newUser(email: string, role: string, siteIds: number[] = [], on = http) {
  const created = await on
    .post('/api/users')
    .set(...bearer(ownerToken))
    .send({ email, role, siteIds })
    .expect(201);
  const first = await signIn(on, { email, password: created.body.oneTimePassword });
  const changed = await on
    .post('/api/auth/password')
    .set(...bearer(first))
    .send({ currentPassword: created.body.oneTimePassword, newPassword: `${email}-own-password` })
    .expect(200);
  return { id: created.body.user.id as number, token: changed.body.accessToken as string };
}

/** A new key of the user signed in with `token`: the whole answer. */
async function createKey(token: string, name: string, on = http): Promise<Record<string, unknown>> {
  const { body } = await on
    .post('/api/api-keys')
    .set(...bearer(token))
    .send({ name })
    .expect(201);
  keysSeen.push(body.key as string);
  return body as Record<string, unknown>;
}

const overview = (siteId: number, token: string, on = http) =>
  on.get(`/api/sites/${siteId}/overview?from=2026-11-20&to=2026-11-20`).set(...bearer(token));

/** The latest audit entries, newest first, as "actor action target details". */
async function latestAudit(count: number): Promise<string[]> {
  const { body } = await http
    .get(`/api/audit?limit=${count}`)
    .set(...bearer(ownerToken))
    .expect(200);
  return body.map(
    ({ actorEmail, action, target, details }: Record<string, unknown>) =>
      `${String(actorEmail)} ${String(action)} ${String(target)} ${JSON.stringify(details)}`,
  );
}

describe('creating a key', () => {
  test('shows the key once; the database holds its keyed hash and prefix, nothing else of it', async () => {
    const site = await newSite('shown-once.test');
    const user = await newUser('shown-once@shop.test', 'viewer', [site]);
    const created = await createKey(user.token, 'Grafana');
    const key = created.key as string;
    assert.match(key, /^slk_[A-Za-z0-9_-]{43}$/);
    const listed = {
      id: created.id,
      userId: user.id,
      name: 'Grafana',
      prefix: key.slice(0, 12),
      createdAt: created.createdAt,
      lastUsedAt: null,
    };
    assert.deepEqual(created, { ...listed, key });
    assert.match(String(created.createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const list = await http
      .get('/api/api-keys')
      .set(...bearer(user.token))
      .expect(200);
    assert.deepEqual(list.body, [listed], 'listed without the key');

    // What the metadata database holds: HMAC-SHA-256 of the key under the key derived from the signing
    // secret (computed here from the definition, not by the app's code), and the key in no table at all.
    const database = app.get(DataSource);
    const hmacKey = Buffer.from(
      hkdfSync('sha256', app.get<string>(SIGNING_SECRET), '', 'sluice api keys', 32),
    );
    const [row] = (await database.query(`SELECT * FROM api_keys WHERE id = ${Number(created.id)}`)) as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(
      { name: row.name, prefix: row.prefix, hash: row.hash, user_id: Number(row.user_id) },
      {
        name: 'Grafana',
        prefix: key.slice(0, 12),
        hash: createHmac('sha256', hmacKey).update(key).digest('base64url'),
        user_id: user.id,
      },
    );
    const tables = (await database.query(
      database.options.type === 'postgres'
        ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    )) as Array<{ name: string }>;
    assert.ok(tables.some(({ name }) => name === 'api_keys'));
    for (const { name } of tables) {
      const rows = JSON.stringify(await database.query(`SELECT * FROM "${name}"`));
      assert.equal(rows.includes(key.slice(12)), false, `${name} holds the key`);
    }

    assert.deepEqual(await latestAudit(1), [
      `shown-once@shop.test api_key.create api_key:${String(created.id)} ${JSON.stringify({ name: 'Grafana', prefix: key.slice(0, 12), userId: user.id })}`,
    ]);
  });

  test('bad input is a 400 naming the field; a user holds at most 25 keys', async () => {
    const user = await newUser('many-keys@shop.test', 'viewer');
    const refused = async (body: object) =>
      (
        await http
          .post('/api/api-keys')
          .set(...bearer(user.token))
          .send(body)
          .expect(400)
      ).body.message as string;
    assert.equal(await refused({}), 'name must be a string');
    assert.equal(await refused({ name: '' }), 'name must be 1 to 100 characters, not only spaces');
    assert.equal(await refused({ name: '   ' }), 'name must be 1 to 100 characters, not only spaces');
    assert.equal(
      await refused({ name: 'x'.repeat(101) }),
      'name must be 1 to 100 characters, not only spaces',
    );
    // PostgreSQL's text holds no NUL: refused here, not a 500 from the database.
    assert.equal(await refused({ name: 'a\u0000b' }), 'name must not contain the NUL character');
    assert.equal(await refused({ name: 'ok', userId: 1 }), 'property userId should not exist');
    const badId = await http
      .delete('/api/api-keys/1e3')
      .set(...bearer(user.token))
      .expect(400);
    assert.equal(badId.body.message, 'keyId must be a positive integer');

    for (let n = 1; n <= 25; n++) await createKey(user.token, `key ${n}`);
    const tooMany = await http
      .post('/api/api-keys')
      .set(...bearer(user.token))
      .send({ name: 'one more' })
      .expect(409);
    assert.deepEqual(tooMany.body, {
      statusCode: 409,
      code: 'conflict',
      message: 'you have 25 API keys, the most a user may hold: revoke one you no longer use',
    });
    const list = await http
      .get('/api/api-keys')
      .set(...bearer(user.token))
      .expect(200);
    assert.deepEqual(
      list.body.map(({ name }: { name: string }) => name),
      Array.from({ length: 25 }, (_, n) => `key ${n + 1}`),
    );
    await http
      .delete(`/api/api-keys/${list.body[0].id as number}`)
      .set(...bearer(user.token))
      .expect(204);
    await createKey(user.token, 'in its place');
  });
});

describe('reading reports with a key', () => {
  let granted: number;
  let other: number;
  before(async () => {
    granted = await newSite('granted.test');
    other = await newSite('not-granted.test');
    await stores.insertEvents([
      eventRow({ site_id: granted, visitor_id: 'k1', session_id: 'visit-1' }),
      eventRow({ site_id: granted, visitor_id: 'k1', session_id: 'visit-1', pathname: '/pricing' }),
      eventRow({ site_id: granted, visitor_id: 'k2', session_id: 'visit-2', name: 'signup' }),
      eventRow({ site_id: other, visitor_id: 'k3', session_id: 'visit-3' }),
    ]);
  });

  test("exports a granted site's events and breakdowns as CSV; a site not granted is a missing site", async () => {
    const user = await newUser('exporter@shop.test', 'viewer', [granted]);
    const { key } = (await createKey(user.token, 'exporter')) as { key: string };
    const exported = (siteId: number, kind: string, params = '') =>
      http
        .get(`/api/sites/${siteId}/${kind}?from=2026-11-20&to=2026-11-20&format=csv${params}`)
        .set(...bearer(key));
    const events = await exported(granted, 'events')
      .expect(200)
      .expect('content-type', 'text/csv; charset=utf-8');
    assert.equal(events.text.split('\n').length, 1 + 3 + 1, 'a header, three events, the final newline');
    const pages = await exported(granted, 'breakdown', '&dimension=page').expect(200);
    assert.equal(pages.text, '"value","visitors","visits","pageviews"\n"/",2,2,1\n"/pricing",1,1,1\n');
    for (const kind of ['events', 'overview']) {
      assert.deepEqual((await exported(other, kind).expect(404)).body, {
        statusCode: 404,
        code: 'not_found',
        message: `site ${other} not found`,
      });
    }
  });

  test("reads a granted site's report as its user does; a site not granted is a missing site", async () => {
    const user = await newUser('reader@shop.test', 'viewer', [granted]);
    const { key } = (await createKey(user.token, 'reader')) as { key: string };
    const answer = (await overview(granted, key).expect(200)).body;
    assert.deepEqual(
      [
        answer.siteId,
        answer.metrics.visitors,
        answer.metrics.visits,
        answer.metrics.pageviews,
        answer.metrics.events,
      ],
      [granted, 2, 2, 2, 3],
    );
    assert.deepEqual((await overview(granted, user.token).expect(200)).body, answer, 'as its user reads it');

    const missing = 999_999;
    const notGranted = await overview(other, key).expect(404);
    const absent = await overview(missing, key).expect(404);
    assert.deepEqual(
      [notGranted.body, absent.body],
      [
        { statusCode: 404, code: 'not_found', message: `site ${other} not found` },
        { statusCode: 404, code: 'not_found', message: `site ${missing} not found` },
      ],
    );
    assert.deepEqual(
      Object.keys(notGranted.headers).sort(),
      Object.keys(absent.headers).sort(),
      'the same headers, too',
    );

    const [listed] = (
      await http
        .get('/api/api-keys')
        .set(...bearer(user.token))
        .expect(200)
    ).body as Array<{ lastUsedAt: string | null }>;
    assert.match(String(listed.lastUsedAt), /^\d{4}-\d\d-\d\dT/, 'its last use is listed');
  });

  test("an owner's key reads every site, yet writes nothing: only the reports take a key", async () => {
    const { key } = (await createKey(ownerToken, "the owner's script")) as { key: string };
    assert.equal((await overview(other, key).expect(200)).body.metrics.visitors, 1);
    const refused = await http
      .patch(`/api/sites/${other}`)
      .set(...bearer(key))
      .send({ name: 'renamed' })
      .expect(401);
    assert.deepEqual(refused.body, {
      statusCode: 401,
      code: 'api_key_not_accepted',
      message: 'API keys read reports only (GET /api/sites/:siteId/…): sign in for everything else',
    });
    const keys = await http
      .post('/api/api-keys')
      .set(...bearer(key))
      .send({ name: 'a key making keys' })
      .expect(401);
    assert.equal(keys.body.code, 'api_key_not_accepted');
  });

  test('a grant removed, a key revoked, a password reset, a user deleted: refused from the next request on', async () => {
    const user = await newUser('losing-access@shop.test', 'viewer', [granted, other]);
    const { key, id } = (await createKey(user.token, 'losing')) as { key: string; id: number };
    await overview(other, key).expect(200);
    await http
      .patch(`/api/users/${user.id}`)
      .set(...bearer(ownerToken))
      .send({ siteIds: [granted] })
      .expect(200);
    assert.deepEqual((await overview(other, key).expect(404)).body, {
      statusCode: 404,
      code: 'not_found',
      message: `site ${other} not found`,
    });
    await overview(granted, key).expect(200);

    await http
      .delete(`/api/api-keys/${id}`)
      .set(...bearer(user.token))
      .expect(204);
    assert.deepEqual((await overview(granted, key).expect(401)).body, {
      statusCode: 401,
      code: 'api_key_invalid',
      message: 'this API key was revoked: create a new one (POST /api/api-keys)',
    });
    await http
      .delete(`/api/api-keys/${id}`)
      .set(...bearer(user.token))
      .expect(404);

    const second = (await createKey(user.token, 'kept')) as { key: string };
    await overview(granted, second.key).expect(200);
    // An owner's password reset pauses the user's keys, like their sign-in, until they set their own.
    await http
      .post(`/api/users/${user.id}/password-reset`)
      .set(...bearer(ownerToken))
      .expect(200);
    assert.equal((await overview(granted, second.key).expect(403)).body.code, 'password_change_required');
    await http
      .delete(`/api/users/${user.id}`)
      .set(...bearer(ownerToken))
      .expect(204);
    assert.deepEqual((await overview(granted, second.key).expect(401)).body, {
      statusCode: 401,
      code: 'api_key_invalid',
      message: 'this API key is unknown: check it was copied whole (the keys of a deleted user are gone too)',
    });
  });

  test('an unknown or malformed key is a 401 naming the key, an access token is never taken for one', async () => {
    const { key } = (await createKey(ownerToken, 'to alter')) as { key: string };
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const credential of [altered, 'slk_', `${key}x`, `slk_${'A'.repeat(43)}`]) {
      const response = await overview(granted, credential).expect(401);
      assert.deepEqual(response.body.code, 'api_key_invalid', credential);
    }
    const notAKey = await overview(granted, 'not-a-key').expect(401);
    assert.equal(notAKey.body.code, 'unauthenticated');
  });

  test('a key appears in nothing the app logs, used, refused or revoked', async () => {
    const { key, id } = (await createKey(ownerToken, 'never logged')) as { key: string; id: number };
    await overview(granted, key).expect(200);
    await http
      .get('/api/sites')
      .set(...bearer(key))
      .expect(401);
    await http
      .delete(`/api/api-keys/${id}`)
      .set(...bearer(ownerToken))
      .expect(204);
    await overview(granted, key).expect(401);
    const logged = logger.lines.map(({ text }) => text).join('\n');
    for (const seen of keysSeen) assert.equal(logged.includes(seen.slice(12)), false);
  });
});

describe('managing keys', () => {
  test("another user can neither list nor revoke your keys; an owner lists and revokes anyone's", async () => {
    const site = await newSite('managed.test');
    const mine = await newUser('key-holder@shop.test', 'admin', [site]);
    const theirs = await newUser('other-user@shop.test', 'admin', [site]);
    const created = (await createKey(mine.token, 'mine')) as { key: string; id: number };

    const listedByOther = await http
      .get('/api/api-keys')
      .set(...bearer(theirs.token))
      .expect(200);
    assert.deepEqual(listedByOther.body, []);
    const revokedByOther = await http
      .delete(`/api/api-keys/${created.id}`)
      .set(...bearer(theirs.token))
      .expect(404);
    const noSuchKey = await http
      .delete('/api/api-keys/999999')
      .set(...bearer(theirs.token))
      .expect(404);
    assert.deepEqual(
      [revokedByOther.body, noSuchKey.body],
      [
        { statusCode: 404, code: 'not_found', message: `API key ${created.id} not found` },
        { statusCode: 404, code: 'not_found', message: 'API key 999999 not found' },
      ],
    );
    const byOwnersRoute = await http
      .get(`/api/users/${mine.id}/api-keys`)
      .set(...bearer(theirs.token))
      .expect(403);
    assert.equal(byOwnersRoute.body.code, 'forbidden');
    await overview(site, created.key).expect(200);

    const ownersView = await http
      .get(`/api/users/${mine.id}/api-keys`)
      .set(...bearer(ownerToken))
      .expect(200);
    assert.deepEqual(
      ownersView.body.map(({ id, name }: { id: number; name: string }) => [id, name]),
      [[created.id, 'mine']],
    );
    await http
      .get('/api/users/999999/api-keys')
      .set(...bearer(ownerToken))
      .expect(404);
    await http
      .delete(`/api/api-keys/${created.id}`)
      .set(...bearer(ownerToken))
      .expect(204);
    await overview(site, created.key).expect(401);
    assert.deepEqual(await latestAudit(1), [
      `${OWNER.email} api_key.revoke api_key:${created.id} ${JSON.stringify({ name: 'mine', prefix: created.key.slice(0, 12), userId: mine.id })}`,
    ]);
    const listed = await http
      .get('/api/api-keys')
      .set(...bearer(mine.token))
      .expect(200);
    assert.deepEqual(listed.body, [], 'a revoked key leaves the list');
  });
});

describe('the API description', () => {
  test('says which routes take a key and what key routes answer; it is no place for a key itself', async () => {
    const { body } = await http
      .get('/api/docs-json')
      .set(...bearer(ownerToken))
      .expect(200);
    const operations = Object.entries(body.paths as Record<string, Record<string, { security?: object[] }>>)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, { security }]) => [
          `${method.toUpperCase()} ${path}`,
          security,
        ]),
      )
      .filter(([, security]) => JSON.stringify(security ?? []).includes('api-key'));
    const bothSchemes = [{ bearer: [] }, { 'api-key': [] }];
    assert.deepEqual(operations.sort(), [
      ...[
        'breakdown',
        'conversions',
        'engagement',
        'errors',
        'errors/{group}',
        'events',
        'events/profile',
        'experiment',
        'funnel',
        'funnel/visitors',
        'heatmap',
        'heatmap/framing',
        'overview',
        'paths',
        'paths/sessions',
        'realtime',
        'realtime/last-event',
        'realtime/stream',
        'retention',
        'timeseries',
        'vitals',
      ].map((report) => [`GET /api/sites/{siteId}/${report}`, bothSchemes]),
    ]);
    assert.deepEqual(body.components.securitySchemes['api-key'].scheme, 'bearer');
    assert.deepEqual(Object.keys(body.components.schemas.CreatedApiKeyResponse.properties), [
      'id',
      'userId',
      'name',
      'prefix',
      'createdAt',
      'lastUsedAt',
      'key',
    ]);
    assert.deepEqual(body.paths['/api/api-keys'].post.requestBody.content['application/json'].schema, {
      $ref: '#/components/schemas/CreateApiKeyDto',
    });
    const { key } = (await createKey(ownerToken, 'reading the docs')) as { key: string };
    const refused = await http
      .get('/api/docs-json')
      .set(...bearer(key))
      .expect(401);
    assert.equal(refused.body.code, 'api_key_not_accepted');
  });
});

describe('the budget per key', () => {
  const BUDGET = 5;

  test(`each key makes exactly ${BUDGET} requests a minute, a concurrent burst included; then 429 with Retry-After until the next minute`, async (t) => {
    // An app of its own with a small budget, and a clock held still: the whole burst falls in one minute.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    let clock = minute + 15_000;
    t.mock.method(Date, 'now', () => clock);
    const budgeted = await createApp(
      loadAppConfig({
        ...stores.env,
        ...stores.freshMetadata('budget'),
        SLUICE_SITES_FILE: join(stores.dir, 'budget', 'sites.json'),
        SLUICE_API_KEY_REQUESTS_PER_MINUTE: String(BUDGET),
      }),
      ['error', 'fatal'],
    );
    try {
      await budgeted.init();
      const client = request(budgeted.getHttpServer());
      const token = await signIn(client, OWNER);
      const { key } = (await createKey(token, 'budgeted', client)) as { key: string };
      const { key: another } = (await createKey(token, 'another', client)) as { key: string };

      const burst = await Promise.all(Array.from({ length: 12 }, () => overview(1, key, client)));
      assert.deepEqual(burst.map(({ status }) => status).sort(), [
        ...Array<number>(BUDGET).fill(200),
        ...Array<number>(12 - BUDGET).fill(429),
      ]);
      const refused = burst.filter(({ status }) => status === 429);
      assert.deepEqual(
        refused.map(({ body, headers }) => [body.code, body.message, headers['retry-after']]),
        refused.map(() => [
          'too_many_requests',
          `this API key made its ${BUDGET} requests of this minute: try again in 45 seconds`,
          '45',
        ]),
      );
      // The budget is the key's: another key of the same user still has its own.
      await overview(1, another, client).expect(200);

      clock = minute + 59_999;
      const last = await overview(1, key, client).expect(429);
      assert.equal(last.headers['retry-after'], '1');
      clock = minute + 60_000;
      const next = await Promise.all(Array.from({ length: BUDGET + 1 }, () => overview(1, key, client)));
      assert.deepEqual(next.map(({ status }) => status).sort(), [...Array<number>(BUDGET).fill(200), 429]);
    } finally {
      await budgeted.close();
    }
  });
});
