import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startEdge, type RunningEdge } from '@sluice/edge';
import { freePort } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';
import { launchChromium } from './browser';
import { testEdgeOptions } from './browser-pipeline';

/**
 * The built panel (frontend/dist/admin) under the edge's security headers, in Chromium: it must work
 * with nothing the Content-Security-Policy refuses, and the policy must hold.
 */
let dir: string;
let edge: RunningEdge;
let backend: Server;
let backendUrl: string;
let browser: Browser;
let signedIn = false;
/** Requests for a token from the session cookie (/api/auth/refresh) the stand-in backend has answered. */
let refreshes = 0;

const OWNER = {
  id: 1,
  email: 'owner@shop.test',
  role: 'owner',
  mustChangePassword: false,
  totpEnabled: false,
  siteIds: [],
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-panel-'));
  chmodSync(dir, 0o755);
  // Stands in for the backend: a panel signed out, or signed in with no sites; and, elsewhere, a page
  // of another origin that tries to frame the panel.
  backend = createServer((request, response) => {
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/framer') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><iframe src="${edge.adminUrl}/"></iframe>`);
    } else if (request.url === '/embedder') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        `<!doctype html><iframe src="${edge.adminUrl}/shared/gone-token?embed=true&theme=dark"></iframe>`,
      );
    } else if (request.url === '/api/auth/providers') json(200, { oidc: { name: 'Okta' } });
    else if (request.url === '/api/auth/refresh') {
      refreshes++;
      if (signedIn) json(200, { accessToken: 'token', expiresIn: 900, user: OWNER });
      else json(401, { code: 'UNAUTHENTICATED', message: 'Sign in.' });
    } else if (request.url === '/api/sites') json(200, []);
    else json(404, { code: 'NOT_FOUND', message: 'Not here.' });
  });
  const backendPort = await freePort();
  await new Promise<void>((resolve) => backend.listen(backendPort, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${backendPort}`;
  edge = await startEdge({
    ...(await testEdgeOptions(dir)),
    adminDir: join(REPO_ROOT, 'frontend', 'dist', 'admin'),
    backendUpstream: `127.0.0.1:${backendPort}`,
    trustedProxies: [],
    adminListen: { host: '127.0.0.1', port: await freePort() },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await edge?.stop();
  backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page that records every report of the Content-Security-Policy, from events and the console. */
async function watchedPage(): Promise<{ page: Page; refusals: string[] }> {
  const page = await browser.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|frame-ancestors|X-Frame-Options/i.test(message.text()))
      refusals.push(message.text());
  });
  page.on('pageerror', (error) => refusals.push(`page error: ${error.message}`));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('Content Security Policy refused ' + event.blockedURI + ' (' + event.violatedDirective + ')'))`,
  });
  return { page, refusals };
}

test('the panel signs in and shows the dashboard with nothing refused by its policy', async () => {
  const { page, refusals } = await watchedPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  signedIn = false;
  refreshes = 0;
  await page.goto(`${edge.adminUrl}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('Okta').waitFor();
  // A browser the API never signed in asks for no token it can't have: no 401, nothing in the console.
  assert.equal(refreshes, 0);
  assert.deepEqual(consoleErrors, []);
  // Signed in, the API leaves its hint for the panel (backend/src/auth/cookies.ts, SESSION_HINT).
  signedIn = true;
  await page.context().addCookies([{ name: 'sluice_signed_in', value: '1', url: edge.adminUrl }]);
  await page.goto(`${edge.adminUrl}/`);
  await page.getByText('There are no sites you can see yet').waitFor();
  assert.deepEqual(refusals, []);
  await page.close();
});

test('the policy holds: no script but the panel’s own runs, and no other origin can frame the panel', async () => {
  const { page, refusals } = await watchedPage();
  await page.goto(`${edge.adminUrl}/`);
  const injected = await page.evaluate(`(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return window.injected ?? false;
  })()`);
  assert.equal(injected, false, 'an injected inline script does not run');
  assert.ok(
    refusals.some((text) => /script-src/.test(text)),
    refusals.join('\n'),
  );
  refusals.length = 0;
  await page.goto(`${backendUrl}/framer`);
  await page.waitForTimeout(500);
  assert.ok(
    refusals.some((text) => /frame-ancestors/.test(text)),
    refusals.join('\n'),
  );
  await page.close();
});

test("a shared link's page runs framed by another origin's page, in its embedded form: nothing refused", async () => {
  const { page, refusals } = await watchedPage();
  await page.goto(`${backendUrl}/embedder`);
  const framed = page.frameLocator('iframe');
  // The stand-in backend knows no link: the page's own answer, drawn inside the frame.
  await framed.getByText('This link does not exist, or it was revoked or has expired.').waitFor();
  assert.equal(await framed.getByText('Read-only shared view').count(), 0, 'embedded: no header');
  assert.equal(
    await framed.locator('html').getAttribute('data-theme'),
    'dark',
    'the theme the host asked for',
  );
  assert.deepEqual(refusals, []);
  await page.close();
});
