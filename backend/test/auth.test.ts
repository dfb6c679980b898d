import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { waitUntil } from '@sluice/services';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { RouteRulesCheck } from '../src/auth/route-rules.check.js';
import { SIGNING_SECRET } from '../src/auth/signing-secret.js';
import { KnownSource } from '../src/auth/known-source.entity.js';
import { SignInCount } from '../src/auth/sign-in-count.entity.js';
import { RefreshFamily } from '../src/sessions/refresh-family.entity.js';
import { totpCode, totpStep } from '../src/auth/totp.js';
import { OWNER, PUBLIC_URL, RecordingLogger, signIn, startTestStores, type TestStores } from './harness.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let ownerToken: string;
/** The panel's origin: the configured public URL, whatever host the test reaches the API at. */
const origin = PUBLIC_URL;

before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), ['error', 'fatal']);
  await app.init();
  const { port } = app.getHttpServer().listen(0).address() as { port: number };
  http = request(`http://127.0.0.1:${port}`);
  ownerToken = await signIn(http, OWNER);
});

after(async () => {
  await app?.close();
  await stores?.stop();
});

/** Each test signs in from an address of its own, so login throttling in one can't touch another. */
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

const login = (email: string, password: string, address = newAddress()) =>
  http.post('/api/auth/login').set('x-forwarded-for', address).send({ email, password });

/** The session cookie (name=value) a response set. */
function sessionCookie(response: request.Response): string {
  const cookie = ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((line) => /session=/.test(line));
  assert.ok(cookie, `no session cookie in ${JSON.stringify(response.headers)}`);
  return cookie.split(';')[0];
}

/** Refreshes the session of `cookie`, as the panel does (on another app than the suite's: `on`). */
const refresh = (cookie: string, on = http) =>
  on.post('/api/auth/refresh').set('cookie', cookie).set('origin', origin).set('x-sluice-csrf', '1');

/** Creates a user as the owner and signs them in with their own password; returns their id and token. */
async function newUser(email: string, role: string, siteIds: number[] = []) {
  const created = await http
    .post('/api/users')
    .set('authorization', `Bearer ${ownerToken}`)
    .send({ email, role, siteIds })
    .expect(201);
  const first = await signIn(http, { email, password: created.body.oneTimePassword });
  const password = `${email}-own-password`;
  const changed = await http
    .post('/api/auth/password')
    .set('authorization', `Bearer ${first}`)
    .send({ currentPassword: created.body.oneTimePassword, newPassword: password })
    .expect(200);
  return { id: created.body.user.id as number, token: changed.body.accessToken as string, password };
}

describe('sign-in', () => {
  test('a login answers an access token and sets the session cookie: httpOnly, SameSite=Strict', async () => {
    const response = await login(OWNER.email, OWNER.password).expect(200);
    assert.match(response.body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(response.body.expiresIn, 900);
    assert.deepEqual(
      [response.body.user.email, response.body.user.role, response.body.user.mustChangePassword],
      [OWNER.email, 'owner', false],
    );
    assert.equal(response.body.user.passwordHash, undefined);
    const [cookie, hint] = ([] as string[]).concat(response.headers['set-cookie']);
    assert.match(
      cookie,
      /^sluice_session=\d+\.[\w-]{22}\.[\w-]{43}; Max-Age=2592000; Path=\/api\/auth; Expires=.*; HttpOnly; SameSite=Strict$/,
    );
    // And the hint the panel's script reads (no secret, for the whole site): there is a session to refresh.
    assert.match(hint, /^sluice_signed_in=1; Max-Age=2592000; Path=\/; Expires=.*; SameSite=Strict$/);
    const me = await http
      .get('/api/auth/me')
      .set('authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    assert.equal(me.body.email, OWNER.email);
  });

  test('an unknown email and a wrong password get the same answer', async () => {
    const unknown = await login('nobody@shop.test', OWNER.password).expect(401);
    const wrong = await login(OWNER.email, 'not the password').expect(401);
    assert.deepEqual(unknown.body, wrong.body);
    assert.deepEqual(wrong.body, {
      statusCode: 401,
      code: 'unauthenticated',
      message: 'the email or the password is wrong',
    });
  });

  test('bad input is a 400 naming the field', async () => {
    const response = await http.post('/api/auth/login').send({ email: 'owner', password: 7 }).expect(400);
    assert.equal(response.body.message, 'email must be an email address; password must be a string');
  });

  test('a body nested deeper than any form is a 400 naming the body, signed in or not (before: a 500)', async () => {
    const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    for (const [path, token] of [
      ['/api/auth/login', undefined],
      ['/api/sites', ownerToken],
    ] as const) {
      const deep = http.post(path).set('x-forwarded-for', newAddress()).type('json');
      if (token) deep.set('authorization', `Bearer ${token}`);
      const response = await deep.send(nested(5000));
      assert.deepEqual(
        response.body,
        { statusCode: 400, code: 'validation_failed', message: 'body: nested deeper than 32 levels' },
        path,
      );
    }
    // A body within the bound is judged by its form's rules as before.
    const shallow = await http.post('/api/auth/login').type('json').send(nested(32)).expect(400);
    assert.match(shallow.body.message, /^property a should not exist/);
  });

  test('guesses at an account from one address wait, longer and longer, after five; elsewhere it stays open', async () => {
    const { password } = await newUser('target@shop.test', 'viewer');
    const guesser = newAddress();
    for (let attempt = 1; attempt <= 5; attempt++)
      await login('target@shop.test', `guess-${attempt}`, guesser).expect(401);
    const waiting = await login('target@shop.test', password, guesser).expect(429);
    assert.equal(waiting.body.code, 'too_many_requests');
    assert.match(waiting.body.message, /^too many failed sign-ins: try again in \d+ seconds$/);
    await login('target@shop.test', password).expect(200);
  });

  test('one address trying many accounts is throttled across them', async () => {
    const address = newAddress();
    for (let attempt = 1; attempt <= 20; attempt++)
      await login(`spray-${attempt}@shop.test`, 'guess', address).expect(401);
    await login(OWNER.email, OWNER.password, address).expect(429);
    await login(OWNER.email, OWNER.password).expect(200);
  });
});

describe('access tokens', () => {
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; pv: string };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  test('forged, expired, wrong-secret, tampered and alg:none tokens are refused', async () => {
    const claims = claimsOf(ownerToken);
    const secret = app.get<string>(SIGNING_SECRET);
    const [header, , signature] = ownerToken.split('.');
    const forged = {
      'wrong secret': new JwtService({ secret: 'x'.repeat(32) }).sign({ sub: claims.sub, pv: claims.pv }),
      expired: new JwtService({ secret }).sign({ sub: claims.sub, pv: claims.pv }, { expiresIn: -10 }),
      'alg none': `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: claims.sub, pv: claims.pv })}.`,
      'HS512 with the secret': new JwtService({ secret }).sign(
        { sub: claims.sub, pv: claims.pv },
        { algorithm: 'HS512' },
      ),
      tampered: `${header}.${encode({ ...claims, sub: '2' })}.${signature}`,
      garbage: 'not-a-token',
    };
    for (const [kind, token] of Object.entries(forged)) {
      const response = await http.get('/api/sites').set('authorization', `Bearer ${token}`);
      assert.equal(response.status, 401, kind);
      assert.equal(response.body.code, 'unauthenticated', kind);
    }
    await http.get('/api/sites').set('authorization', `Bearer ${ownerToken}`).expect(200);
  });

  test('a changed password ends the access tokens issued before it', async () => {
    const user = await newUser('changer@shop.test', 'viewer');
    await http.get('/api/auth/me').set('authorization', `Bearer ${user.token}`).expect(200);
    await http
      .post('/api/auth/password')
      .set('authorization', `Bearer ${user.token}`)
      .send({ currentPassword: user.password, newPassword: 'a brand new password' })
      .expect(200);
    await http.get('/api/auth/me').set('authorization', `Bearer ${user.token}`).expect(401);
  });
});

describe('refresh tokens', () => {
  test('each refresh rotates the cookie; logout ends the session', async () => {
    const first = sessionCookie(await login(OWNER.email, OWNER.password).expect(200));
    const refreshed = await refresh(first).expect(200);
    assert.match(refreshed.body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const second = sessionCookie(refreshed);
    assert.notEqual(second, first);
    const third = sessionCookie(await refresh(second).expect(200));
    const out = await http
      .post('/api/auth/logout')
      .set('cookie', third)
      .set('origin', origin)
      .set('x-sluice-csrf', '1')
      .expect(204);
    assert.match(String(out.headers['set-cookie']), /sluice_session=;.*sluice_signed_in=;/);
    // A session that is gone takes its hint along: the panel's next load shows the sign-in form at once.
    const gone = await refresh(third).expect(401);
    assert.match(String(gone.headers['set-cookie']), /sluice_session=;.*sluice_signed_in=;/);
  });

  test('two tabs refreshing at the same moment both keep working', async () => {
    const cookie = sessionCookie(await login(OWNER.email, OWNER.password).expect(200));
    const [one, two] = await Promise.all([refresh(cookie), refresh(cookie)]);
    assert.deepEqual([one.status, two.status], [200, 200]);
    const rotated = [one, two].filter((response) => response.headers['set-cookie']);
    assert.equal(rotated.length, 1, 'one answer rotates the cookie, both share it');
    await refresh(sessionCookie(rotated[0])).expect(200);
  });

  test('a rotated token used again later revokes the whole family', async () => {
    const stolen = sessionCookie(await login(OWNER.email, OWNER.password).expect(200));
    const current = sessionCookie(await refresh(stolen).expect(200));
    // Past the grace period of two tabs refreshing together.
    await app
      .get(DataSource)
      .createQueryBuilder()
      .update(RefreshFamily)
      .set({ rotatedAt: () => 'rotated_at - 60000' })
      .execute();
    const reused = await refresh(stolen).expect(401);
    assert.equal(reused.body.message, 'this session was revoked: sign in again');
    await refresh(current).expect(401);
  });

  test('refresh and logout take requests from the admin panel only (Origin and the CSRF header)', async () => {
    const cookie = sessionCookie(await login(OWNER.email, OWNER.password).expect(200));
    const cases = [
      http.post('/api/auth/refresh').set('cookie', cookie).set('origin', origin),
      http.post('/api/auth/refresh').set('cookie', cookie).set('x-sluice-csrf', '1'),
      http
        .post('/api/auth/refresh')
        .set('cookie', cookie)
        .set('origin', 'https://evil.test')
        .set('x-sluice-csrf', '1'),
      http
        .post('/api/auth/logout')
        .set('cookie', cookie)
        .set('origin', 'https://evil.test')
        .set('x-sluice-csrf', '1'),
    ];
    for (const pending of cases) {
      const response = await pending;
      assert.equal(response.status, 403);
      assert.equal(response.body.code, 'forbidden');
    }
    await refresh(cookie).expect(200);
  });
});

describe('expired security state', () => {
  test('the running app sweeps sign-in counts, sessions and known sources once each has run out, at start and hourly, and keeps the rest', async (t) => {
    // The app's clock (Date.now: a mocked Date class would not be TypeORM's) and its intervals, moved by
    // the test: what goes is what the app's own writes said would run out, swept by its own start-up run
    // and hourly interval.
    const epoch = Date.now();
    let clock = epoch;
    t.mock.method(Date, 'now', () => clock);
    t.mock.timers.enable({ apis: ['setInterval'] });
    const env = {
      ...stores.env,
      ...stores.freshMetadata('sweep'),
      SLUICE_SITES_FILE: join(stores.dir, 'sweep', 'sites.json'),
    };
    const logger = new RecordingLogger();
    let running: INestApplication | undefined;
    let client!: ReturnType<typeof request>;
    /** (Re)starts the app at `at` ms after the epoch: a start runs the sweep once, then every hour. */
    const startAt = async (at: number) => {
      await running?.close();
      clock = epoch + at;
      running = await createApp(loadAppConfig(env), logger);
      await running.init();
      client = request(running.getHttpServer());
    };
    const [home, guesser] = [newAddress(), newAddress()];
    const signInFrom = (address: string, password: string) =>
      client.post('/api/auth/login').set('x-forwarded-for', address).send({ email: OWNER.email, password });
    /** What the metadata database holds: the throttle's counters by name, sessions, known sources. */
    const stored = async () => {
      const database = running!.get(DataSource);
      return {
        counts: (await database.getRepository(SignInCount).find()).map(({ counter }) => counter).sort(),
        sessions: await database.getRepository(RefreshFamily).count(),
        knownSources: await database.getRepository(KnownSource).count(),
      };
    };
    /** Waits until the sweeps logged so far removed `removed`: each run that removes something says how many. */
    const sweptSoFar = (...removed: number[]) =>
      waitUntil(`sweeps removing ${removed.join(', ')}`, async () => {
        assert.deepEqual(
          logger.lines.filter(({ text }) => text.startsWith('Removed ')).map(({ text }) => text),
          removed.map((count) => `Removed ${count} expired entries`),
        );
        return true;
      });
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    try {
      await startAt(0);
      const first = sessionCookie(await signInFrom(home, OWNER.password).expect(200));
      await signInFrom(guesser, 'a wrong guess').expect(401);
      clock = epoch + HOUR / 2;
      await signInFrom(guesser, 'another wrong guess').expect(401);
      const [account, pair, source] = [
        `account:${OWNER.email}`,
        `account+source:${OWNER.email}|${guesser}`,
        `source:${guesser}`,
      ];

      // A day after the first attempts, the home address's count goes at start; the guesser's, counted
      // again half an hour later, stays until the next hour's run.
      await startAt(DAY);
      await sweptSoFar(1);
      assert.deepEqual(await stored(), { counts: [pair, account, source], sessions: 1, knownSources: 1 });
      clock += HOUR;
      t.mock.timers.tick(HOUR);
      await sweptSoFar(1, 3);
      assert.deepEqual(await stored(), { counts: [], sessions: 1, knownSources: 1 });
      const refreshed = sessionCookie(await refresh(first, client).expect(200));
      // Signing in again from home keeps the address known 90 days from now, in a session of its own.
      const second = sessionCookie(await signInFrom(home, OWNER.password).expect(200));
      assert.deepEqual(await stored(), { counts: [`source:${home}`], sessions: 2, knownSources: 1 });

      // A session lasts 30 days from its sign-in, however often it was refreshed.
      await startAt(30 * DAY);
      await sweptSoFar(1, 3, 2);
      assert.deepEqual(await stored(), { counts: [], sessions: 1, knownSources: 1 });
      await refresh(refreshed, client).expect(401);
      await refresh(second, client).expect(200);

      await startAt(90 * DAY);
      await sweptSoFar(1, 3, 2, 1);
      assert.deepEqual(await stored(), { counts: [], sessions: 0, knownSources: 1 });
      await startAt(91 * DAY + HOUR);
      await sweptSoFar(1, 3, 2, 1, 1);
      assert.deepEqual(await stored(), { counts: [], sessions: 0, knownSources: 0 });
    } finally {
      await running?.close();
    }
  });
});

describe('two-factor sign-in (TOTP)', () => {
  test('once enabled, sign-in needs the current code, each code once; an owner reset turns it off', async () => {
    const user = await newUser('two-factor@shop.test', 'viewer');
    const auth = ['authorization', `Bearer ${user.token}`] as const;
    const setup = await http
      .post('/api/auth/totp')
      .set(...auth)
      .send({ password: user.password })
      .expect(200);
    assert.match(setup.body.secret, /^[A-Z2-7]{32}$/);
    assert.equal(
      setup.body.otpauthUrl,
      `otpauth://totp/Sluice:two-factor%40shop.test?secret=${setup.body.secret}&issuer=Sluice&algorithm=SHA1&digits=6&period=30`,
    );
    const step = totpStep(Date.now());
    const wrong = await http
      .post('/api/auth/totp/enable')
      .set(...auth)
      .send({ code: '000000' === totpCode(setup.body.secret, step) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    await http
      .post('/api/auth/totp/enable')
      .set(...auth)
      .send({ code: totpCode(setup.body.secret, step) })
      .expect(204);

    const withoutCode = await login('two-factor@shop.test', user.password).expect(401);
    assert.equal(withoutCode.body.code, 'totp_required');
    const replayed = await login('two-factor@shop.test', user.password)
      .send({
        email: 'two-factor@shop.test',
        password: user.password,
        code: totpCode(setup.body.secret, step),
      })
      .expect(401);
    assert.equal(replayed.body.message, 'the code is wrong, or was used already');
    const next = await http
      .post('/api/auth/login')
      .set('x-forwarded-for', newAddress())
      .send({
        email: 'two-factor@shop.test',
        password: user.password,
        code: totpCode(setup.body.secret, step + 1),
      })
      .expect(200);
    assert.equal(next.body.user.totpEnabled, true);

    const reset = await http
      .post(`/api/users/${user.id}/password-reset`)
      .set('authorization', `Bearer ${ownerToken}`)
      .expect(200);
    await login('two-factor@shop.test', reset.body.oneTimePassword).expect(200);
  });

  test('setting up an authenticator app takes the current password, throttled: a stolen access token is not enough', async () => {
    const user = await newUser('stolen-token@shop.test', 'viewer');
    const setUp = (body: object) =>
      http.post('/api/auth/totp').set('authorization', `Bearer ${user.token}`).send(body);
    const missing = await setUp({}).expect(400);
    assert.equal(missing.body.message, 'password must be a string');
    const wrong = await setUp({ password: 'a guessed password' }).expect(400);
    assert.equal(wrong.body.message, 'password is not your current password');
    const guesser = newAddress();
    for (let guess = 1; guess <= 5; guess++)
      await setUp({ password: `guess-${guess}` })
        .set('x-forwarded-for', guesser)
        .expect(400);
    await setUp({ password: user.password }).set('x-forwarded-for', guesser).expect(429);
    await setUp({ password: user.password }).expect(200);
  });
});

describe('one-time passwords', () => {
  test('a new user must choose a password before anything else', async () => {
    const created = await http
      .post('/api/users')
      .set('authorization', `Bearer ${ownerToken}`)
      .send({ email: 'New@Shop.test', role: 'viewer' })
      .expect(201);
    assert.equal(created.body.user.email, 'new@shop.test');
    assert.match(created.body.oneTimePassword, /^[\w-]{24}$/);
    const token = await signIn(http, { email: 'new@shop.test', password: created.body.oneTimePassword });
    const blocked = await http.get('/api/sites').set('authorization', `Bearer ${token}`).expect(403);
    assert.equal(blocked.body.code, 'password_change_required');
    const weak = await http
      .post('/api/auth/password')
      .set('authorization', `Bearer ${token}`)
      .send({ currentPassword: created.body.oneTimePassword, newPassword: 'short' })
      .expect(400);
    assert.equal(weak.body.message, 'newPassword must be at least 12 characters');
    const changed = await http
      .post('/api/auth/password')
      .set('authorization', `Bearer ${token}`)
      .send({ currentPassword: created.body.oneTimePassword, newPassword: 'my own password' })
      .expect(200);
    await http.get('/api/sites').set('authorization', `Bearer ${changed.body.accessToken}`).expect(200);
  });

  test("an owner's reset gives a new one-time password and ends the user's sessions", async () => {
    const user = await newUser('forgetful@shop.test', 'viewer');
    const reset = await http
      .post(`/api/users/${user.id}/password-reset`)
      .set('authorization', `Bearer ${ownerToken}`)
      .expect(200);
    await http.get('/api/auth/me').set('authorization', `Bearer ${user.token}`).expect(401);
    await login('forgetful@shop.test', user.password).expect(401);
    const fresh = await login('forgetful@shop.test', reset.body.oneTimePassword).expect(200);
    assert.equal(fresh.body.user.mustChangePassword, true);
  });

  test('the last owner can be neither demoted nor deleted', async () => {
    const me = await http.get('/api/auth/me').set('authorization', `Bearer ${ownerToken}`).expect(200);
    const auth = ['authorization', `Bearer ${ownerToken}`] as const;
    const demote = await http
      .patch(`/api/users/${me.body.id}`)
      .set(...auth)
      .send({ role: 'admin' })
      .expect(409);
    assert.match(demote.body.message, /last owner/);
    await http
      .delete(`/api/users/${me.body.id}`)
      .set(...auth)
      .expect(409);
  });
});

describe('managing users', () => {
  test('one address added twice at once: one account, the other a 409, never a 500', async () => {
    const answers = await Promise.all(
      ['Twice@Shop.test', 'twice@shop.test'].map((email) =>
        http.post('/api/users').set('authorization', `Bearer ${ownerToken}`).send({ email, role: 'viewer' }),
      ),
    );
    assert.deepEqual(
      answers.map(({ status, body }) => [status, status === 409 ? body.message : body.user.email]).sort(),
      [
        [201, 'twice@shop.test'],
        [409, 'email: twice@shop.test already has an account'],
      ],
    );
  });

  test("an owner's change of a user's role keeps their sites, and a change of their sites keeps their role", async () => {
    const change = (id: number, changes: object) =>
      http.patch(`/api/users/${id}`).set('authorization', `Bearer ${ownerToken}`).send(changes).expect(200);
    const created = await http
      .post('/api/users')
      .set('authorization', `Bearer ${ownerToken}`)
      .send({ email: 'promoted@shop.test', role: 'viewer', siteIds: [1] })
      .expect(201);
    const { id } = created.body.user;
    const promoted = await change(id, { role: 'admin' });
    assert.deepEqual([promoted.body.role, promoted.body.siteIds], ['admin', [1]]);
    const moved = await change(id, { siteIds: [] });
    assert.deepEqual([moved.body.role, moved.body.siteIds], ['admin', []]);
  });
});

type Rule =
  | 'public'
  | 'signed-in'
  | 'viewer'
  | 'viewer of the site'
  | 'admin'
  | 'admin of the site'
  | 'owner'
  | 'owner of the site';
/** An answer as the walk compares it: the status, and the error's code (none for a success). */
type Answer = [status: number, code?: string];

/**
 * What each route needs, and its answer to the walk's request (no body, `?from=2026-11-20&to=2026-11-20`, the
 * admin panel's Origin and CSRF header) for a caller it lets through; `apiKey`: a report, which an API key
 * reads too (as a viewer of its user's sites); `stream`: an answer that never ends (Server-Sent Events), read up
 * to its first bytes. The test below fails for a route missing here, so a new route must say.
 */
const ROUTES: Record<string, { rule: Rule; answer: Answer; apiKey?: true; stream?: true }> = {
  'GET /api/health': { rule: 'public', answer: [200] },
  'GET /api/ready': { rule: 'public', answer: [200] },
  'GET /metrics': { rule: 'public', answer: [200] },
  'POST /api/auth/login': { rule: 'public', answer: [400, 'validation_failed'] },
  'POST /api/auth/refresh': { rule: 'public', answer: [401, 'unauthenticated'] }, // no session cookie
  'POST /api/auth/logout': { rule: 'public', answer: [204] },
  'GET /api/auth/providers': { rule: 'public', answer: [200] },
  'GET /api/auth/oidc': { rule: 'public', answer: [404, 'not_found'] }, // single sign-on is not set up
  'GET /api/auth/oidc/callback': { rule: 'public', answer: [302] }, // back to the panel, with sso_error
  'GET /api/auth/me': { rule: 'signed-in', answer: [200] },
  'POST /api/auth/password': { rule: 'signed-in', answer: [400, 'validation_failed'] },
  'POST /api/auth/totp': { rule: 'viewer', answer: [400, 'validation_failed'] },
  'POST /api/auth/totp/enable': { rule: 'viewer', answer: [400, 'validation_failed'] },
  'POST /api/auth/totp/disable': { rule: 'viewer', answer: [400, 'validation_failed'] },
  'GET /api/sites': { rule: 'viewer', answer: [200] },
  'POST /api/sites': { rule: 'admin', answer: [400, 'validation_failed'] },
  'GET /api/sites/:siteId': { rule: 'viewer of the site', answer: [200] },
  'PATCH /api/sites/:siteId': { rule: 'admin of the site', answer: [200] },
  'POST /api/sites/:siteId/key': { rule: 'admin of the site', answer: [200] },
  'POST /api/sites/:siteId/signing-secrets': { rule: 'admin of the site', answer: [201] }, // two at most a site: A's admin and the owner
  'DELETE /api/sites/:siteId/signing-secrets/:secretId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  },
  'DELETE /api/sites/:siteId': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no confirm
  'GET /api/sites/:siteId/status': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/demo': { rule: 'admin', answer: [400, 'validation_failed'] }, // no size
  'GET /api/sites/:siteId/demo': { rule: 'viewer of the site', answer: [404, 'not_found'] }, // not a demo site
  'GET /api/sites/:siteId/ingest-health': { rule: 'viewer of the site', answer: [200] },
  'GET /api/sites/:siteId/overview': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/timeseries': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/conversions': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/breakdown': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no dimension
  'GET /api/sites/:siteId/goals': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/goals': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no body
  'PATCH /api/sites/:siteId/goals/:goalId': { rule: 'admin of the site', answer: [404, 'not_found'] }, // no such goal
  'DELETE /api/sites/:siteId/goals/:goalId': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'GET /api/sites/:siteId/annotations': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/annotations': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no body
  'PATCH /api/sites/:siteId/annotations/:annotationId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  }, // no such annotation
  'DELETE /api/sites/:siteId/annotations/:annotationId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  },
  'GET /api/sites/:siteId/segments': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/segments': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no body
  'PATCH /api/sites/:siteId/segments/:segmentId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  }, // no such segment
  'DELETE /api/sites/:siteId/segments/:segmentId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  },
  'GET /api/sites/:siteId/events': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/events/profile': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no session, visitor or user
  'GET /api/sites/:siteId/dashboards': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/dashboards': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no name
  'GET /api/sites/:siteId/dashboards/:dashboardId': {
    rule: 'viewer of the site',
    answer: [404, 'not_found'],
  },
  'PATCH /api/sites/:siteId/dashboards/:dashboardId': {
    rule: 'admin of the site',
    answer: [400, 'validation_failed'],
  }, // no name
  'DELETE /api/sites/:siteId/dashboards/:dashboardId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  },
  'POST /api/sites/:siteId/dashboards/:dashboardId/widgets': {
    rule: 'admin of the site',
    answer: [400, 'validation_failed'],
  }, // no body
  'PATCH /api/sites/:siteId/dashboards/:dashboardId/widgets/:widgetId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  }, // no such dashboard
  'DELETE /api/sites/:siteId/dashboards/:dashboardId/widgets/:widgetId': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  },
  'GET /api/sites/:siteId/shared-links': { rule: 'admin of the site', answer: [200] },
  'POST /api/sites/:siteId/shared-links': { rule: 'admin of the site', answer: [400, 'validation_failed'] },
  'DELETE /api/sites/:siteId/shared-links/:linkId': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'GET /api/shared/:token': { rule: 'public', answer: [404, 'not_found'] }, // no such link
  'POST /api/shared/:token/unlock': { rule: 'public', answer: [400, 'validation_failed'] }, // no password
  'GET /api/shared/:token/widgets/:widgetId/overview': { rule: 'public', answer: [404, 'not_found'] },
  'GET /api/shared/:token/widgets/:widgetId/timeseries': { rule: 'public', answer: [404, 'not_found'] },
  'GET /api/shared/:token/widgets/:widgetId/breakdown': { rule: 'public', answer: [404, 'not_found'] },
  'GET /api/shared/:token/widgets/:widgetId/funnel': { rule: 'public', answer: [404, 'not_found'] },
  'GET /api/sites/:siteId/funnel': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no steps
  'GET /api/sites/:siteId/funnel/visitors': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no steps, no step
  'GET /api/sites/:siteId/retention': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/paths': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no page
  'GET /api/sites/:siteId/paths/sessions': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // neither start nor end
  'GET /api/sites/:siteId/heatmap': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no page
  'GET /api/sites/:siteId/heatmap/framing': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no page
  'GET /api/sites/:siteId/errors': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/errors/:group': {
    rule: 'viewer of the site',
    answer: [404, 'not_found'],
    apiKey: true,
  }, // no such group
  'GET /api/sites/:siteId/vitals': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/engagement': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/experiment': {
    rule: 'viewer of the site',
    answer: [400, 'validation_failed'],
    apiKey: true,
  }, // no flag, no goal
  'GET /api/sites/:siteId/realtime': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/realtime/last-event': { rule: 'viewer of the site', answer: [200], apiKey: true },
  'GET /api/sites/:siteId/realtime/stream': {
    rule: 'viewer of the site',
    answer: [200],
    apiKey: true,
    stream: true,
  },
  'GET /api/users': { rule: 'owner', answer: [200] },
  'POST /api/users': { rule: 'owner', answer: [400, 'validation_failed'] },
  'GET /api/users/:userId': { rule: 'owner', answer: [200] },
  'PATCH /api/users/:userId': { rule: 'owner', answer: [200] },
  'DELETE /api/users/:userId': { rule: 'owner', answer: [204] },
  'POST /api/users/:userId/password-reset': { rule: 'owner', answer: [200] },
  'GET /api/audit': { rule: 'owner', answer: [400, 'validation_failed'] }, // from and to are not its query
  'POST /api/api-keys': { rule: 'viewer', answer: [400, 'validation_failed'] },
  'GET /api/api-keys': { rule: 'viewer', answer: [200] },
  'DELETE /api/api-keys/:keyId': { rule: 'viewer', answer: [404, 'not_found'] }, // a key of no one
  'GET /api/users/:userId/api-keys': { rule: 'owner', answer: [200] },
  'GET /api/ai/provider': { rule: 'viewer', answer: [200] },
  'PUT /api/ai/provider': { rule: 'owner', answer: [400, 'validation_failed'] }, // no body
  'DELETE /api/ai/provider': { rule: 'owner', answer: [204] },
  'POST /api/ai/provider/test': { rule: 'owner', answer: [400, 'validation_failed'] }, // none stored, none sent
  'PUT /api/sites/:siteId/actions/:fingerprint/name': {
    rule: 'admin of the site',
    answer: [400, 'validation_failed'],
  }, // no name
  'DELETE /api/sites/:siteId/actions/:fingerprint/name': {
    rule: 'admin of the site',
    answer: [404, 'not_found'],
  }, // no manual name
  'POST /api/sites/:siteId/actions/rename': { rule: 'owner of the site', answer: [400, 'validation_failed'] },
  'POST /api/sites/:siteId/questions': { rule: 'viewer of the site', answer: [400, 'validation_failed'] }, // no question
  'GET /api/sites/:siteId/alerts': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/alerts': { rule: 'admin of the site', answer: [400, 'validation_failed'] },
  'GET /api/sites/:siteId/alerts/:ruleId': { rule: 'viewer of the site', answer: [404, 'not_found'] }, // no such rule
  'PATCH /api/sites/:siteId/alerts/:ruleId': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'DELETE /api/sites/:siteId/alerts/:ruleId': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'GET /api/sites/:siteId/alerts/:ruleId/history': { rule: 'viewer of the site', answer: [404, 'not_found'] },
  'POST /api/sites/:siteId/alerts/:ruleId/test': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'GET /api/sites/:siteId/digest': { rule: 'viewer of the site', answer: [200] },
  'PUT /api/sites/:siteId/digest': { rule: 'viewer of the site', answer: [400, 'validation_failed'] }, // no body
  'GET /api/sites/:siteId/flags': { rule: 'viewer of the site', answer: [200] },
  'POST /api/sites/:siteId/flags': { rule: 'admin of the site', answer: [400, 'validation_failed'] }, // no key
  'PATCH /api/sites/:siteId/flags/:flagId': { rule: 'admin of the site', answer: [404, 'not_found'] }, // no such flag
  'DELETE /api/sites/:siteId/flags/:flagId': { rule: 'admin of the site', answer: [404, 'not_found'] },
  'GET /api/backups': { rule: 'owner', answer: [200] },
  'POST /api/backups': { rule: 'owner', answer: [400, 'validation_failed'] }, // no passphrase
  'GET /api/backups/:name': { rule: 'owner', answer: [404, 'not_found'] }, // no such archive
};

/** Every controller route, as its URL: under /api but for the Prometheus scrape. */
const routes = () =>
  app
    .get(RouteRulesCheck)
    .routes()
    .map(({ method, path }) => `${method} ${path === '/metrics' ? path : `/api${path}`}`);

/**
 * Whom the walk calls as: their role (none: no token), whether a one-time password is still theirs, their site,
 * whether the token is their API key.
 */
interface Caller {
  role?: 'viewer' | 'admin' | 'owner';
  mustChangePassword?: true;
  siteId?: number;
  token?: string;
  apiKey?: true;
}
const RANK = { viewer: 0, admin: 1, owner: 2 };

/** What `caller` must get from a route with `rule` and `answer`, about `siteId`: written out, not asked of the code. */
function expectedAnswer(
  { rule, answer, apiKey }: (typeof ROUTES)[string],
  caller: Caller,
  siteId: number,
): Answer {
  if (rule === 'public') return answer;
  if (!caller.role) return [401, 'unauthenticated'];
  if (caller.apiKey && !apiKey) return [401, 'api_key_not_accepted'];
  if (rule === 'signed-in') return answer;
  if (caller.mustChangePassword) return [403, 'password_change_required'];
  const [role] = rule.split(' ') as [keyof typeof RANK];
  if (RANK[caller.role] < RANK[role]) return [403, 'forbidden'];
  // A site the caller may not see does not exist for them.
  if (rule.endsWith('of the site') && caller.role !== 'owner' && siteId !== caller.siteId)
    return [404, 'not_found'];
  return answer;
}

/**
 * A stream's answer up to its first bytes, then the connection closed (the stream never ends by itself);
 * any other answer (a refusal) whole, as JSON.
 */
function untilFirstEvent(
  response: IncomingMessage,
  done: (error: Error | null, body: unknown) => void,
): void {
  let text = '';
  response.setEncoding('utf8');
  if (String(response.headers['content-type']).startsWith('text/event-stream')) {
    response.once('data', () => {
      done(null, {});
      response.destroy();
    });
    return;
  }
  response.on('data', (chunk: string) => (text += chunk));
  response.on('end', () => done(null, JSON.parse(text)));
}

describe('roles and site isolation, on every route', () => {
  test('each route answers whoever it is for, refuses anyone else as its rule says, and never fails', async () => {
    assert.deepEqual(routes().sort(), Object.keys(ROUTES).sort(), 'every route has its line in this table');
    const auth = ['authorization', `Bearer ${ownerToken}`] as const;
    const newSite = async (domain: string) =>
      (
        await http
          .post('/api/sites')
          .set(...auth)
          .send({ name: domain, domain })
          .expect(201)
      ).body as { id: number };
    const siteA = await newSite('a.test');
    const siteB = await newSite('b.test');
    const created = await http
      .post('/api/users')
      .set(...auth)
      .send({ email: 'one-time@shop.test', role: 'viewer', siteIds: [siteA.id] })
      .expect(201);
    const callers: Record<string, Caller> = {
      anonymous: {},
      'a viewer with a one-time password': {
        role: 'viewer',
        mustChangePassword: true,
        siteId: siteA.id,
        token: await signIn(http, { email: 'one-time@shop.test', password: created.body.oneTimePassword }),
      },
      'a viewer of site A': {
        role: 'viewer',
        siteId: siteA.id,
        token: (await newUser('viewer-of-a@shop.test', 'viewer', [siteA.id])).token,
      },
      'an admin of site A': {
        role: 'admin',
        siteId: siteA.id,
        token: (await newUser('admin-of-a@shop.test', 'admin', [siteA.id])).token,
      },
      'the owner': { role: 'owner', token: ownerToken },
    };
    // An admin's API key: still only a viewer of the admin's sites, on the reports alone.
    callers['an API key of an admin of site A'] = {
      role: 'viewer',
      siteId: siteA.id,
      apiKey: true,
      token: (
        await http
          .post('/api/api-keys')
          .set('authorization', `Bearer ${callers['an admin of site A'].token}`)
          .send({ name: 'the walk' })
          .expect(201)
      ).body.key,
    };
    // Each user route acts on a user of its own: the walk deletes one.
    let targets = 0;
    const newTarget = async () =>
      (
        await http
          .post('/api/users')
          .set(...auth)
          .send({ email: `target-${++targets}@shop.test`, role: 'viewer' })
          .expect(201)
      ).body.user.id as number;

    const answers: Record<string, Answer> = {};
    const expected: Record<string, Answer> = {};
    for (const [route, line] of Object.entries(ROUTES)) {
      const [method, template] = route.split(' ');
      const userId = template.includes(':userId') ? await newTarget() : undefined;
      const sites = template.includes(':siteId') ? [siteA, siteB] : [siteA];
      for (const [who, caller] of Object.entries(callers))
        for (const { id: siteId } of sites) {
          const path = template
            .replace(':siteId', String(siteId))
            .replace(':userId', String(userId))
            .replace(':keyId', '999999')
            .replace(':goalId', '999999')
            .replace(':annotationId', '999999')
            .replace(':segmentId', '999999')
            .replace(':dashboardId', '999999')
            .replace(':widgetId', '999999')
            .replace(':linkId', '999999')
            .replace(':ruleId', '999999')
            .replace(':flagId', '999999')
            .replace(':secretId', '000000000000')
            .replace(':fingerprint', '0123456789abcdef')
            .replace(':name', 'sluice-backup-2026-01-01T00-00-00-000Z.tar.gz')
            .replace(':token', 'shr_unknown')
            .replace(':group', '0123456789abcdef');
          const pending = http[method.toLowerCase() as 'get'](`${path}?from=2026-11-20&to=2026-11-20`)
            .set('origin', origin)
            .set('x-sluice-csrf', '1');
          if (line.stream)
            pending
              .buffer(true)
              .parse((response, done) => untilFirstEvent(response as unknown as IncomingMessage, done));
          const response = await (caller.token
            ? pending.set('authorization', `Bearer ${caller.token}`)
            : pending);
          const call = `${route} as ${who}${sites.length > 1 ? ` on site ${siteId === siteA.id ? 'A' : 'B'}` : ''}`;
          assert.ok(response.status < 500, `${call}: ${response.status} ${JSON.stringify(response.body)}`);
          answers[call] = response.body.code ? [response.status, response.body.code] : [response.status];
          expected[call] = expectedAnswer(line, caller, siteId);
        }
    }
    assert.deepEqual(answers, expected);
    const listed = await http
      .get('/api/sites')
      .set('authorization', `Bearer ${callers['a viewer of site A'].token}`)
      .expect(200);
    assert.deepEqual(
      listed.body.map(({ id }: { id: number }) => id),
      [siteA.id],
      'a viewer lists only the sites granted',
    );
  });
});

describe('the audit log', () => {
  test('records who changed which user, newest first, for owners', async () => {
    const user = await newUser('audited@shop.test', 'viewer');
    await http
      .post(`/api/users/${user.id}/password-reset`)
      .set('authorization', `Bearer ${ownerToken}`)
      .expect(200);
    const response = await http
      .get('/api/audit?limit=500')
      .set('authorization', `Bearer ${ownerToken}`)
      .expect(200);
    const entries = response.body.map(
      ({ action, actorEmail, target }: Record<string, string>) => `${actorEmail} ${action} ${target}`,
    );
    assert.deepEqual(entries.slice(0, 3), [
      `${OWNER.email} user.reset_password user:${user.id}`,
      `audited@shop.test user.change_password user:${user.id}`,
      `${OWNER.email} user.create user:${user.id}`,
    ]);
    assert.equal(entries.at(-1), 'system user.create user:1', 'the first start created the owner');
    const ids = response.body.map(({ id }: { id: number }) => id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    const page = await http
      .get(`/api/audit?limit=2&before=${ids[1]}`)
      .set('authorization', `Bearer ${ownerToken}`)
      .expect(200);
    assert.deepEqual(
      page.body.map(({ id }: { id: number }) => id),
      ids.slice(2, 4),
    );
    const bad = await http.get('/api/audit?limit=0').set('authorization', `Bearer ${ownerToken}`).expect(400);
    assert.equal(bad.body.message, 'limit must be an integer from 1 to 500');
  });
});
