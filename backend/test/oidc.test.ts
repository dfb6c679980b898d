import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { freePort } from '@sluice/services';
import Provider from 'oidc-provider';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { OWNER, startTestStores, type TestStores } from './harness.js';

/**
 * Single sign-on against a real OpenID Connect provider: the `oidc-provider` package, on loopback, with
 * its development sign-in pages (any login, any password) standing in for a company's identity provider.
 */
let stores: TestStores;
let app: INestApplication;
let provider: Server;
let backend: string;
let issuer: string;

before(async () => {
  stores = await startTestStores();
  const providerPort = await freePort();
  const backendPort = await freePort();
  issuer = `http://127.0.0.1:${providerPort}`;
  backend = `http://127.0.0.1:${backendPort}`;
  app = await createApp(
    loadAppConfig({
      ...stores.env,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'sluice',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-the-test-only',
      OIDC_NAME: 'Test SSO',
    }),
    ['error', 'fatal'],
  );
  await app.listen(backendPort, '127.0.0.1');
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'sluice',
        client_secret: 'a-client-secret-for-the-test-only',
        redirect_uris: [`${backend}/api/auth/oidc/callback`],
      },
    ],
    // The login typed on the provider's page is the account, and its email.
    findAccount: (_, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: true }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
  });
  provider = oidc.listen(providerPort);
});

after(async () => {
  provider?.close();
  await app?.close();
  await stores?.stop();
});

/** A browser's cookie jar, per host, enough for the provider's and the backend's cookies. */
class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** Requests `url` and follows redirects; the last answer, with where it came from. */
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
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

/** Signs in at the provider's development pages as `login`, consenting; where the browser ends up. */
async function singleSignOn(browser: Browser, login: string) {
  const form = async (page: { url: URL; response: Response }) => {
    const html = await page.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(action, `a form on ${page.url}:\n${html.slice(0, 500)}`);
    return new URL(action, page.url).href;
  };
  const signIn = await browser.go(`${backend}/api/auth/oidc`);
  assert.equal(signIn.url.origin, new URL(issuer).origin, "at the provider's sign-in page");
  const consent = await browser.go(await form(signIn), { form: { prompt: 'login', login, password: 'any' } });
  return browser.go(await form(consent), { form: { prompt: 'consent' } });
}

test('the sign-in form learns that single sign-on is offered', async () => {
  const response = await fetch(`${backend}/api/auth/providers`);
  assert.deepEqual(await response.json(), { oidc: { name: 'Test SSO' } });
});

test("a user the provider vouches for is signed in, with the session cookie the panel's refresh takes", async () => {
  const browser = new Browser();
  const end = await singleSignOn(browser, OWNER.email);
  assert.equal(end.url.href, `${backend}/`, 'back at the panel');
  const session = browser.jar(new URL(backend).host).get('sluice_session');
  assert.ok(session, 'the session cookie is set');
  const refreshed = await fetch(`${backend}/api/auth/refresh`, {
    method: 'POST',
    headers: { cookie: `sluice_session=${session}`, origin: backend, 'x-sluice-csrf': '1' },
  });
  assert.equal(refreshed.status, 200);
  assert.equal(((await refreshed.json()) as { user: { email: string } }).user.email, OWNER.email);
});

test('no account is made from a sign-in: an unknown email goes back to the form with the reason', async () => {
  const browser = new Browser();
  const end = await singleSignOn(browser, 'stranger@elsewhere.test');
  assert.equal(end.url.pathname, '/');
  assert.equal(
    end.url.searchParams.get('sso_error'),
    'there is no Sluice account for stranger@elsewhere.test: an owner adds users',
  );
  assert.equal(browser.jar(new URL(backend).host).get('sluice_session'), undefined);
});

test('a callback the backend did not start is refused', async () => {
  const response = await fetch(`${backend}/api/auth/oidc/callback?code=forged&state=unknown`, {
    redirect: 'manual',
  });
  assert.equal(response.status, 302);
  assert.match(
    response.headers.get('location') ?? '',
    /sso_error=the%20sign-in%20expired%20or%20was%20not%20started%20here/,
  );
});
