import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { OWNER, signIn, startTestStores, type TestStores } from './harness.js';

/**
 * The API as the internet sees it through the edge: its origin and scheme come from the configured public
 * URL (never the Host or a forwarded header), forwarded addresses are believed from trusted proxies only,
 * every answer carries strict security headers, and the API docs are for signed-in users.
 */
let stores: TestStores;
/** Behind the edge on loopback at http://panel.test (a plain-HTTP install). */
let plain: Backend;
/** At https://analytics.shop.test, behind a proxy at 192.0.2.1 only, with the API docs opened. */
let tls: Backend;

interface Backend {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** Where the test reaches it: what a Host header would make the origin. */
  address: string;
  token: string;
}

async function start(env: Record<string, string>): Promise<Backend> {
  const app = await createApp(loadAppConfig(env), ['error', 'fatal']);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const address = `http://127.0.0.1:${port}`;
  const http = request(address);
  return { app, http, address, token: await signIn(http, OWNER) };
}

before(async () => {
  stores = await startTestStores();
  plain = await start({ ...stores.env, SLUICE_PUBLIC_URL: 'http://panel.test' });
  tls = await start({
    ...stores.env,
    ...stores.freshMetadata('tls'),
    SLUICE_PUBLIC_URL: 'https://analytics.shop.test',
    BACKEND_TRUSTED_PROXIES: '192.0.2.1',
    SLUICE_PUBLIC_API_DOCS: 'true',
  });
});

after(async () => {
  await plain?.app.close();
  await tls?.app.close();
  await stores?.stop();
});

/** The session cookie line a login sets. */
const sessionCookieLine = (response: request.Response) =>
  ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => /session=/.test(line)) ?? '';

describe('security headers', () => {
  test('every API answer, error or not, forbids framing, scripts, referrers and sniffing', async () => {
    const answers = {
      health: await plain.http.get('/api/health').expect(200),
      'no token': await plain.http.get('/api/sites').expect(401),
      'bad input': await plain.http.post('/api/auth/login').send({}).expect(400),
      'unknown route': await plain.http.get('/api/no-such-route').expect(404),
      'signed in': await plain.http
        .get('/api/sites')
        .set('authorization', `Bearer ${plain.token}`)
        .expect(200),
    };
    for (const [where, { headers }] of Object.entries(answers)) {
      const policy = String(headers['content-security-policy']);
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"])
        assert.ok(policy.split(/; */).includes(directive), `${where}: ${directive} in ${policy}`);
      assert.equal(headers['x-frame-options'], 'DENY', where);
      assert.equal(headers['referrer-policy'], 'no-referrer', where);
      assert.equal(headers['x-content-type-options'], 'nosniff', where);
      assert.equal(headers['strict-transport-security'], undefined, `${where}: no HSTS without TLS`);
    }
  });

  test('HSTS when the public URL is https', async () => {
    const response = await tls.http.get('/api/health').expect(200);
    assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });
});

describe('the public URL, not the request, decides the origin and the scheme', () => {
  test("the session routes take the public URL's origin, not one made of the Host header", async () => {
    const login = await plain.http.post('/api/auth/login').send(OWNER).expect(200);
    const cookie = sessionCookieLine(login).split(';')[0];
    const refresh = (origin: string) =>
      plain.http
        .post('/api/auth/refresh')
        .set('cookie', cookie)
        .set('origin', origin)
        .set('x-sluice-csrf', '1');
    const host = await refresh(plain.address).expect(403);
    assert.match(host.body.message, /Origin http:\/\/panel\.test/);
    await refresh('http://panel.test').expect(200);
  });

  test('the session cookie is Secure and __Host- by the public URL, whatever X-Forwarded-Proto says', async () => {
    const forged = await plain.http
      .post('/api/auth/login')
      .set('x-forwarded-proto', 'https')
      .send(OWNER)
      .expect(200);
    assert.match(
      sessionCookieLine(forged),
      /^sluice_session=.*; Path=\/api\/auth; .*; HttpOnly; SameSite=Strict$/,
    );
    const secure = await tls.http.post('/api/auth/login').send(OWNER).expect(200);
    assert.match(
      sessionCookieLine(secure),
      /^__Host-sluice_session=.*; Path=\/; .*; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  test("X-Forwarded-For is believed from trusted proxies only: others' guesses count as their own address", async () => {
    for (let n = 1; n <= 20; n++)
      await tls.http
        .post('/api/auth/login')
        .set('x-forwarded-for', `198.51.100.${n}`)
        .send({ email: `spray-${n}@shop.test`, password: 'guess' })
        .expect(401);
    await tls.http.post('/api/auth/login').set('x-forwarded-for', '198.51.100.99').send(OWNER).expect(429);
  });
});

describe('the API docs', () => {
  test('are for signed-in users unless SLUICE_PUBLIC_API_DOCS opens them', async () => {
    for (const path of ['/api/docs', '/api/docs-json']) {
      const anonymous = await plain.http.get(path).expect(401);
      assert.equal(anonymous.body.code, 'unauthenticated', path);
      await plain.http.get(path).set('authorization', 'Bearer forged').expect(401);
      await tls.http.get(path).expect(200);
    }
    const document = await plain.http
      .get('/api/docs-json')
      .set('authorization', `Bearer ${plain.token}`)
      .expect(200);
    assert.equal(document.body.info.title, 'Sluice API');
    const page = await plain.http.get('/api/docs').set('authorization', `Bearer ${plain.token}`).expect(200);
    const policy = String(page.headers['content-security-policy']).split(/; */);
    assert.ok(
      policy.includes("script-src 'self'") && policy.includes("frame-ancestors 'none'"),
      String(policy),
    );
  });
});
