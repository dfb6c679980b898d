import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { freePort } from '@sluice/services';
import type { StartEdgeOptions } from '../src';
import { EdgeHarness, requestFrom, SITE, type Answer } from './edge-harness';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
  "connect-src 'self'; frame-src http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const HSTS = 'max-age=31536000; includeSubDomains';
const BEACON = JSON.stringify({ s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] });
/** A visitor connecting directly, not through the trusted proxy (127.0.0.1). */
const UNTRUSTED = '127.0.0.2';

/** Stands in for the backend: answers with the headers it was sent, under security headers of its own. */
let backend: Server;
let backendUpstream: string;
before(async () => {
  backend = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.setHeader('content-security-policy', "default-src 'none'");
    response.end(JSON.stringify(request.headers));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => backend.listen(port, '127.0.0.1', resolve));
  backendUpstream = `127.0.0.1:${port}`;
});
after(() => backend.close());

async function withEdge(overrides: Partial<StartEdgeOptions>, run: (harness: EdgeHarness) => Promise<void>) {
  const harness = await new EdgeHarness().start({ backendUpstream, ...overrides });
  try {
    await run(harness);
    assert.deepEqual(harness.errorLines(), []);
  } finally {
    await harness.stop();
  }
}

function assertPanelHeaders(answer: Answer, what: string) {
  assert.equal(answer.headers['content-security-policy'], CSP, what);
  assert.equal(answer.headers['x-frame-options'], 'DENY', what);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(answer.headers['referrer-policy'], 'no-referrer', what);
  assert.equal(answer.headers['cross-origin-opener-policy'], 'same-origin', what);
  assert.equal(answer.headers['cross-origin-resource-policy'], 'same-origin', what);
}

test('every answer of the panel carries strict security headers; /api/ answers keep their own', async () => {
  await withEdge({}, async (harness) => {
    const url = harness.edge.url;
    const index = await requestFrom(`${url}/`);
    assert.equal(index.status, 200);
    assertPanelHeaders(index, '/');
    assert.equal(index.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    for (const path of ['/index.html', '/assets/app.js', '/sites/7/overview', '/assets/gone.js']) {
      const answer = await requestFrom(`${url}${path}`);
      assert.equal(answer.status, 200, path);
      assertPanelHeaders(answer, path);
    }
    const revalidated = await requestFrom(`${url}/assets/app.js`, {
      headers: {
        'if-modified-since': String((await requestFrom(`${url}/assets/app.js`)).headers['last-modified']),
      },
    });
    assert.equal(revalidated.status, 304);
    assertPanelHeaders(revalidated, 'a 304');
    const head = await requestFrom(`${url}/`, { method: 'HEAD' });
    assertPanelHeaders(head, 'HEAD /');
    const post = await requestFrom(`${url}/`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assertPanelHeaders(post, 'a 405');

    // A shared link's public page may be framed by any web page (an embedded dashboard), and only that page.
    for (const path of ['/shared/AbC-123', '/shared/AbC-123?embed=true']) {
      const shared = await requestFrom(`${url}${path}`);
      assert.equal(shared.status, 200, path);
      assert.equal(
        shared.headers['content-security-policy'],
        CSP.replace("frame-ancestors 'none'", 'frame-ancestors http: https:'),
        path,
      );
      assert.equal(shared.headers['x-frame-options'], undefined, path);
      assert.equal(shared.headers['x-content-type-options'], 'nosniff', path);
    }
    assertPanelHeaders(await requestFrom(`${url}/sites/1/shared/x`), 'a path that only holds /shared/');

    const api = await requestFrom(`${url}/api/sites`);
    assert.equal(api.status, 200);
    assert.equal(
      api.headers['content-security-policy'],
      "default-src 'none'",
      "the backend's own policy, alone",
    );
    assert.equal(api.headers['x-frame-options'], undefined);
  });
});

test('HSTS only when the panel was reached over HTTPS, as the edge or a trusted proxy saw it', async () => {
  await withEdge({}, async (harness) => {
    const url = `${harness.edge.url}/`;
    const throughTrusted = await requestFrom(url, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(throughTrusted.headers['strict-transport-security'], HSTS);
    assertPanelHeaders(throughTrusted, 'over HTTPS');
    const claimedByVisitor = await requestFrom(url, {
      headers: { 'x-forwarded-proto': 'https' },
      from: UNTRUSTED,
    });
    assert.equal(claimedByVisitor.headers['strict-transport-security'], undefined);
  });
});

test('the backend sees forwarded headers the edge set: a visitor can claim neither address, scheme nor host', async () => {
  await withEdge({}, async (harness) => {
    const spoofed = {
      'x-forwarded-for': '203.0.113.66',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-port': '443',
      'x-real-ip': '203.0.113.66',
      forwarded: 'for=203.0.113.66;proto=https;host=evil.test',
    };
    const seen = (answer: Answer) => JSON.parse(answer.body) as IncomingHttpHeaders;
    const direct = seen(
      await requestFrom(`${harness.edge.url}/api/me`, { headers: spoofed, from: UNTRUSTED }),
    );
    assert.equal(direct['x-forwarded-for'], UNTRUSTED);
    assert.equal(direct['x-forwarded-proto'], 'http');
    assert.equal(direct['x-forwarded-host'], '127.0.0.1');
    assert.equal(direct.host, '127.0.0.1');
    for (const header of ['x-forwarded-port', 'x-real-ip', 'forwarded'])
      assert.equal(direct[header], undefined, `${header} is not passed on`);

    const proxied = seen(
      await requestFrom(`${harness.edge.url}/api/me`, {
        headers: { 'x-forwarded-for': '198.51.100.8', 'x-forwarded-proto': 'https' },
      }),
    );
    assert.equal(proxied['x-forwarded-for'], '198.51.100.8', 'the trusted proxy names the visitor');
    assert.equal(proxied['x-forwarded-proto'], 'https', 'and the scheme the visitor used');
  });
});

async function assertBeaconsOnly(url: string) {
  assert.equal((await requestFrom(`${url}/telemetry/health`)).status, 204);
  assert.equal((await requestFrom(`${url}/telemetry/e`, { method: 'POST', body: BEACON })).status, 204);
  for (const path of ['/', '/index.html', '/assets/app.js', '/sites/7', '/api/sites', '/api/docs'])
    assert.equal((await requestFrom(`${url}${path}`)).status, 404, path);
}

test('the panel and /api/ on a listener of their own: the beacons’ listener serves only /telemetry/', async () => {
  const adminListen = { host: '127.0.0.1', port: await freePort() };
  await withEdge({ adminListen }, async (harness) => {
    await assertBeaconsOnly(harness.edge.url);
    const admin = `http://127.0.0.1:${adminListen.port}`;
    assert.equal(harness.edge.adminUrl, admin);
    const index = await requestFrom(`${admin}/sites/7`);
    assert.equal(index.status, 200);
    assertPanelHeaders(index, 'the panel on its own listener');
    assert.equal((await requestFrom(`${admin}/api/sites`)).status, 200);
  });
});

test('the panel and /api/ under a host name of their own: any other name gets only /telemetry/', async () => {
  await withEdge({ adminServerName: 'panel.test' }, async (harness) => {
    await assertBeaconsOnly(harness.edge.url);
    const asPanel = { headers: { host: 'panel.test' } };
    const index = await requestFrom(`${harness.edge.url}/`, asPanel);
    assert.equal(index.status, 200);
    assertPanelHeaders(index, 'the panel by its name');
    assert.equal((await requestFrom(`${harness.edge.url}/api/sites`, asPanel)).status, 200);
    assert.equal(harness.edge.adminUrl, harness.edge.url);
  });
});

test("nginx's own refusals of headers too large and of an /api/ body too large are JSON with a code, on either listener", async () => {
  const adminListen = { host: '127.0.0.1', port: await freePort() };
  await withEdge({ adminListen }, async (harness) => {
    for (const url of [harness.edge.url, `http://127.0.0.1:${adminListen.port}`]) {
      const refusals = await Promise.all([
        requestFrom(`${url}/`, { headers: { 'x-big': 'a'.repeat(20_000) } }),
        requestFrom(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-length': '2000000' } }),
      ]);
      assert.deepEqual(
        refusals.map(({ status, headers, body }) => ({ status, type: headers['content-type'], body })),
        [
          { status: 400, type: 'application/json', body: '{"error":"headers_too_large"}' },
          { status: 413, type: 'application/json', body: '{"error":"body_too_large"}' },
        ],
        url,
      );
    }
  });
});
