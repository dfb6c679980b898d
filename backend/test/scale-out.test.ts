import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import {
  OWNER,
  passwordVerifications,
  PUBLIC_URL,
  signIn,
  startTestStores,
  type TestStores,
} from './harness.js';

/**
 * Two backends on one PostgreSQL, as docs/scaling.md scales the control plane out: each with a data
 * folder of its own, behind one public URL. Whatever one of them does to a session or counts against a
 * guesser, the other sees.
 */
process.env.SLUICE_TEST_METADATA = 'postgres';

const KEY_BUDGET = 6;

let stores: TestStores;
let one: Node;
let two: Node;

interface Node {
  app: INestApplication;
  http: ReturnType<typeof request>;
}

async function start(env: Record<string, string>): Promise<Node> {
  const app = await createApp(loadAppConfig(env), ['error', 'fatal']);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, http: request(`http://127.0.0.1:${port}`) };
}

before(async () => {
  stores = await startTestStores();
  // One after the other: the first applies the migrations and creates the owner. A budget per API key small
  // enough to spend in a test.
  const env = { ...stores.env, SLUICE_API_KEY_REQUESTS_PER_MINUTE: String(KEY_BUDGET) };
  one = await start(env);
  two = await start({ ...env, BACKEND_DATA_DIR: join(stores.dir, 'second-backend') });
});

after(async () => {
  await one?.app.close();
  await two?.app.close();
  await stores?.stop();
});

const login = (node: Node, email: string, password: string, address: string) =>
  node.http.post('/api/auth/login').set('x-forwarded-for', address).send({ email, password });

const sessionCookie = (response: request.Response) =>
  ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((line) => /session=/.test(line))!
    .split(';')[0];

const cookieRoute = (node: Node, route: 'refresh' | 'logout', cookie: string) =>
  node.http
    .post(`/api/auth/${route}`)
    .set('cookie', cookie)
    .set('origin', PUBLIC_URL)
    .set('x-sluice-csrf', '1');

test('a session started on one backend works on the other, and a logout on one ends it on both', async () => {
  const signedIn = await login(one, OWNER.email, OWNER.password, '192.0.2.1').expect(200);
  await two.http.get('/api/auth/me').set('authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
  const rotated = sessionCookie(await cookieRoute(two, 'refresh', sessionCookie(signedIn)).expect(200));
  await cookieRoute(one, 'refresh', rotated).expect(200);
  await cookieRoute(two, 'logout', rotated).expect(204);
  await cookieRoute(one, 'refresh', rotated).expect(401);
});

test("a password reset on one backend ends the user's sessions on the other", async () => {
  const ownerToken = await signIn(one.http, OWNER);
  const created = await one.http
    .post('/api/users')
    .set('authorization', `Bearer ${ownerToken}`)
    .send({ email: 'scaled@shop.test', role: 'viewer' })
    .expect(201);
  const session = sessionCookie(
    await login(one, 'scaled@shop.test', created.body.oneTimePassword, '192.0.2.2').expect(200),
  );
  await two.http
    .post(`/api/users/${created.body.user.id}/password-reset`)
    .set('authorization', `Bearer ${ownerToken}`)
    .expect(200);
  await cookieRoute(one, 'refresh', session).expect(401);
});

test('throttling counts guesses on every backend together, a burst split between them too', async () => {
  for (const node of [one, two, one, two, one])
    await login(node, OWNER.email, 'a wrong guess', '198.51.100.7').expect(401);
  await login(two, OWNER.email, 'another guess', '198.51.100.7').expect(429);

  const verified = async () =>
    (await passwordVerifications(one.http)) + (await passwordVerifications(two.http));
  const before = await verified();
  const burst = await Promise.all(
    Array.from({ length: 100 }, (_, n) =>
      login(n % 2 ? one : two, OWNER.email, `guess-${n}`, '198.51.100.8'),
    ),
  );
  assert.equal((await verified()) - before, 5, 'passwords verified by both');
  assert.equal(burst.filter(({ status }) => status === 429).length, 95);
});

test("an API key's budget is counted by every backend together, a burst split between them too", async (t) => {
  // The clock held still (both backends run in this process): the whole burst falls in one minute.
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  t.mock.method(Date, 'now', () => minute + 20_000);
  const token = await signIn(one.http, OWNER);
  const { body } = await two.http
    .post('/api/api-keys')
    .set('authorization', `Bearer ${token}`)
    .send({ name: 'scaled out' })
    .expect(201);
  const burst = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      (n % 2 ? one : two).http
        .get('/api/sites/1/overview?from=2026-11-20&to=2026-11-20')
        .set('authorization', `Bearer ${body.key as string}`),
    ),
  );
  assert.deepEqual(burst.map(({ status }) => status).sort(), [
    ...Array<number>(KEY_BUDGET).fill(200),
    ...Array<number>(20 - KEY_BUDGET).fill(429),
  ]);
  assert.deepEqual(
    [...new Set(burst.filter(({ status }) => status === 429).map(({ headers }) => headers['retry-after']))],
    ['40'],
  );
});
