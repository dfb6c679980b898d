import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { freePort } from '@sluice/services';
import Provider from 'oidc-provider';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { OWNER, signIn, startTestStores, type TestStores } from './harness.js';

/**
 * Single sign-on against a real OpenID Connect provider: the `oidc-provider` package, on loopback, with
 * its development sign-in pages (any login, any password) standing in for a company's identity provider.
 */
let stores: TestStores;
let provider: Server;
let issuer: string;
/** Needs `email_verified: true` (the default). */
let strict: Backend;
/** OIDC_ASSUME_EMAIL_VERIFIED=true, for a provider that never sends the claim. */
let trusting: Backend;

interface Backend {
  app: INestApplication;
  url: string;
}

/**
 * The provider's accounts: the login typed on its page is the account id and subject; its claims are
 * these (by default the login as a verified email).
 */
const accounts = new Map<string, Record<string, unknown>>();
const claimsOf = (id: string) => ({ sub: id, ...(accounts.get(id) ?? { email: id, email_verified: true }) });

/** A backend using the provider, with `users` added by the owner. */
async function startBackend(env: Record<string, string>, users: string[]): Promise<Backend> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await createApp(
    loadAppConfig({
      ...env,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'sluice',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-the-test-only',
      OIDC_NAME: 'Test SSO',
      SLUICE_PUBLIC_URL: url,
    }),
    ['error', 'fatal'],
  );
  await app.listen(port, '127.0.0.1');
  const http = request(url);
  const ownerToken = await signIn(http, OWNER);
  for (const email of users)
    await http
      .post('/api/users')
      .set('authorization', `Bearer ${ownerToken}`)
      .send({ email, role: 'viewer' })
      .expect(201);
  return { app, url };
}

before(async () => {
  stores = await startTestStores();
  const providerPort = await freePort();
  issuer = `http://127.0.0.1:${providerPort}`;
  strict = await startBackend(stores.env, [
    'alice@shop.test',
    'bob@shop.test',
    'carol@shop.test',
    'dave@shop.test',
  ]);
  trusting = await startBackend(
    { ...stores.env, ...stores.freshMetadata('trusting'), OIDC_ASSUME_EMAIL_VERIFIED: 'true' },
    ['erin@shop.test', 'frank@shop.test'],
  );
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'sluice',
        client_secret: 'a-client-secret-for-the-test-only',
        redirect_uris: [strict, trusting].map(({ url }) => `${url}/api/auth/oidc/callback`),
      },
    ],
    findAccount: (_, id) => ({ accountId: id, claims: () => claimsOf(id) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
  });
  provider = oidc.listen(providerPort);
});

after(async () => {
  provider?.close();
  await strict?.app.close();
  await trusting?.app.close();
  await stores?.stop();
});

/** A browser's cookie jar, per host, enough for the provider's and the backend's cookies. */
class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  /**
   * Requests `url` and follows redirects; the last answer, with where it came from. With `stopAt`, a
   * redirect to a URL starting with it is not followed (the answer is the redirect).
   */
  async go(url: string, init: { form?: Record<string, string>; stopAt?: string } = {}) {
    let next = new URL(url);
    let request: RequestInit = init.form
      ? {
          method: 'POST',
          body: new URLSearchParams(init.form),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }
      : {};
    for (;;) {
      const jar = this.jar(next.host);
      const response = await fetch(next, {
        ...request,
        redirect: 'manual',
        headers: { ...(request.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: next, response };
      if (init.stopAt && new URL(location, next).href.startsWith(init.stopAt)) return { url: next, response };
      await response.arrayBuffer();
      next = new URL(location, next);
      request = {};
    }
  }

  jar(host: string): Map<string, string> {
    if (!this.cookies.has(host)) this.cookies.set(host, new Map());
    return this.cookies.get(host)!;
  }
}

/**
 * Signs in at the provider's development pages as `login`, consenting; where the browser ends up. With
 * `stopAtCallback`, the browser does not follow the provider's redirect back to the backend.
 */
async function singleSignOn(
  browser: Browser,
  login: string,
  { backend = strict, stopAtCallback = false } = {},
) {
  const form = async (page: { url: URL; response: Response }) => {
    const html = await page.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(action, `a form on ${page.url}:\n${html.slice(0, 500)}`);
    return new URL(action, page.url).href;
  };
  const signIn = await browser.go(`${backend.url}/api/auth/oidc`);
  assert.equal(signIn.url.origin, new URL(issuer).origin, "at the provider's sign-in page");
  const consent = await browser.go(await form(signIn), { form: { prompt: 'login', login, password: 'any' } });
  return browser.go(await form(consent), {
    form: { prompt: 'consent' },
    ...(stopAtCallback && { stopAt: `${backend.url}/api/auth/oidc/callback` }),
  });
}

/** Where the provider sent the browser back to (a redirect not followed). */
const callbackOf = (page: { response: Response }) => {
  const location = page.response.headers.get('location') ?? '';
  assert.ok(location.startsWith(`${strict.url}/api/auth/oidc/callback?`), `a callback: ${location}`);
  return location;
};

/** The email of the user the browser's session cookie signs in, if any. */
async function signedInAs(browser: Browser, backend = strict): Promise<string | undefined> {
  const session = browser.jar(new URL(backend.url).host).get('sluice_session');
  if (!session) return undefined;
  const refreshed = await fetch(`${backend.url}/api/auth/refresh`, {
    method: 'POST',
    headers: { cookie: `sluice_session=${session}`, origin: backend.url, 'x-sluice-csrf': '1' },
  });
  assert.equal(refreshed.status, 200);
  return ((await refreshed.json()) as { user: { email: string } }).user.email;
}

/** Signs in at the provider as `login` and answers which Sluice user that made, or the reason refused. */
async function outcome(login: string, backend = strict): Promise<{ user?: string; error?: string | null }> {
  const browser = new Browser();
  const end = await singleSignOn(browser, login, { backend });
  assert.equal(end.url.origin, backend.url, 'back at the panel');
  const user = await signedInAs(browser, backend);
  return user ? { user } : { error: end.url.searchParams.get('sso_error') };
}

test('the sign-in form learns that single sign-on is offered', async () => {
  const response = await fetch(`${strict.url}/api/auth/providers`);
  assert.deepEqual(await response.json(), { oidc: { name: 'Test SSO' } });
});

test("a user the provider vouches for is signed in, with the session cookie the panel's refresh takes", async () => {
  const browser = new Browser();
  const end = await singleSignOn(browser, OWNER.email);
  assert.equal(end.url.href, `${strict.url}/`, 'back at the panel');
  assert.equal(await signedInAs(browser), OWNER.email);
  assert.equal(
    browser.jar(new URL(strict.url).host).get('sluice_sign_in'),
    '',
    'the sign-in cookie is used up',
  );
});

test('no account is made from a sign-in: an unknown email goes back to the form with the reason', async () => {
  assert.deepEqual(await outcome('stranger@elsewhere.test'), {
    error: 'there is no Sluice account for stranger@elsewhere.test: an owner adds users',
  });
});

test('an email the provider does not say is verified links nothing: omitted or false', async () => {
  accounts.set('carol-sub', { email: 'carol@shop.test' });
  accounts.set('dave-sub', { email: 'dave@shop.test', email_verified: false });
  const refused = { error: 'the provider vouched for no verified email address' };
  assert.deepEqual(await outcome('carol-sub'), refused, 'email_verified omitted');
  assert.deepEqual(await outcome('dave-sub'), refused, 'email_verified false');
});

test('with OIDC_ASSUME_EMAIL_VERIFIED an omitted claim counts as verified, a false one still does not', async () => {
  accounts.set('erin-sub', { email: 'erin@shop.test' });
  accounts.set('frank-sub', { email: 'frank@shop.test', email_verified: false });
  assert.deepEqual(await outcome('erin-sub', trusting), { user: 'erin@shop.test' });
  assert.deepEqual(await outcome('frank-sub', trusting), {
    error: 'the provider vouched for no verified email address',
  });
});

test("the first sign-in links the account to the provider's subject; later ones match on it, not the email", async () => {
  accounts.set('alice-sub', { email: 'alice@shop.test', email_verified: true });
  assert.deepEqual(await outcome('alice-sub'), { user: 'alice@shop.test' });
  accounts.set('mallory-sub', { email: 'alice@shop.test', email_verified: true });
  assert.deepEqual(
    await outcome('mallory-sub'),
    { error: 'alice@shop.test is linked to another account at Test SSO: sign in with that one' },
    "another account at the provider with alice's email does not take hers over",
  );
  accounts.set('alice-sub', { email: 'bob@shop.test', email_verified: true });
  assert.deepEqual(
    await outcome('alice-sub'),
    { user: 'alice@shop.test' },
    "alice's email changed at the provider to bob's: she is still alice",
  );
});

test('a callback is taken only in the browser that started the sign-in, with its cookie intact', async () => {
  const attacker = new Browser();
  const forged = callbackOf(await singleSignOn(attacker, 'stranger-sub', { stopAtCallback: true }));
  accounts.set('stranger-sub', { email: 'bob@shop.test', email_verified: true });
  const expected = 'the sign-in expired or was not started in this browser: try again';

  const victim = new Browser();
  const withoutCookie = await victim.go(forged);
  assert.equal(withoutCookie.url.searchParams.get('sso_error'), expected, 'no sign-in cookie (login CSRF)');
  assert.equal(await signedInAs(victim), undefined);

  const started = new Browser();
  await started.go(`${strict.url}/api/auth/oidc`);
  const mismatched = await started.go(forged);
  assert.equal(mismatched.url.searchParams.get('sso_error'), expected, "another sign-in's state");
  assert.equal(await signedInAs(started), undefined);

  const tampering = new Browser();
  const own = callbackOf(await singleSignOn(tampering, OWNER.email, { stopAtCallback: true }));
  const jar = tampering.jar(new URL(strict.url).host);
  const sealed = jar.get('sluice_sign_in')!;
  jar.set('sluice_sign_in', `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`);
  const tampered = await tampering.go(own);
  assert.equal(tampered.url.searchParams.get('sso_error'), expected, 'an altered sign-in cookie');
  assert.equal(await signedInAs(tampering), undefined);
});

test('the redirect URI and the way back to the panel are the public URL, whatever the Host header says', async () => {
  const started = await request(strict.url).get('/api/auth/oidc').set('host', 'evil.test').expect(302);
  const redirectUri = new URL(started.headers.location).searchParams.get('redirect_uri');
  assert.equal(redirectUri, `${strict.url}/api/auth/oidc/callback`);
  const back = await request(strict.url).get('/api/auth/oidc/callback?state=x').set('host', 'evil.test');
  assert.match(back.headers.location, new RegExp(`^${strict.url}/\\?sso_error=`));
});

test('starting a sign-in, which anyone may do, writes nothing on the server', async () => {
  const database = strict.app.get(DataSource);
  const rows = () =>
    Promise.all(database.entityMetadatas.map(({ target }) => database.getRepository(target).count()));
  const before = await rows();
  for (let n = 0; n < 20; n++) {
    const response = await request(strict.url).get('/api/auth/oidc').expect(302);
    assert.match(
      String(response.headers['set-cookie']),
      /^sluice_sign_in=[\w-]+; Max-Age=600; Path=\/api\/auth\/oidc; Expires=.*; HttpOnly; SameSite=Lax$/,
    );
  }
  assert.deepEqual(await rows(), before, 'no row of any table added');
});
