import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type request from 'supertest';
import { PUBLIC_URL, startSignedInApp } from './harness.js';
import { reportClient } from './report-client.js';

/**
 * `GET /api/sites/:id/heatmap/framing` against a real HTTP server standing for the customer's site: each
 * path answers with other framing headers, and the server counts what it was asked.
 */
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let site: Server;
let origin: string;
let siteId: number;
const asked: string[] = [];

/** The customer's pages: path → the headers (or status) it answers with. */
const PAGES: Record<string, { status?: number; headers?: Record<string, string> }> = {
  '/open': {},
  '/deny': { headers: { 'x-frame-options': 'DENY' } },
  '/same-origin': { headers: { 'x-frame-options': 'SAMEORIGIN' } },
  '/ancestors-other': {
    headers: { 'content-security-policy': "default-src 'self'; frame-ancestors https://other.test" },
  },
  '/ancestors-panel': {
    headers: { 'content-security-policy': `default-src 'self'; frame-ancestors 'self' ${PUBLIC_URL}` },
  },
  '/ancestors-any': { headers: { 'content-security-policy': 'frame-ancestors *' } },
  '/policy-without-ancestors': { headers: { 'content-security-policy': "script-src 'self'" } },
  '/moved': { status: 302, headers: { location: '/open' } },
  '/missing': { status: 404 },
};

const { get, post, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);
const framing = (page: string, id = siteId) =>
  get(`/sites/${id}/heatmap/framing?${new URLSearchParams({ page })}`).expect(200);

before(async () => {
  ({ http, token, stop } = await startSignedInApp());
  site = createServer((req, res) => {
    asked.push(req.url ?? '');
    const answer = PAGES[req.url ?? ''] ?? { status: 404 };
    res.writeHead(answer.status ?? 200, { 'content-type': 'text/html', ...answer.headers });
    res.end('<!doctype html><title>A page</title><p>Hello</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const { body } = await post('/sites')
    .send({ name: 'Framed', domain: 'framed.test', allowedOrigins: [origin] })
    .expect(201);
  siteId = body.id as number;
});
after(async () => {
  await stop?.();
  site?.close();
});

test('each page’s verdict comes from its own headers, asked at the site’s origin', async () => {
  const verdicts: Record<string, unknown> = {};
  for (const page of Object.keys(PAGES)) verdicts[page] = (await framing(page)).body;
  const answer = (page: string, reason: string) => ({
    url: `${origin}${page}`,
    framable: reason === 'framable',
    reason,
  });
  assert.deepEqual(verdicts, {
    '/open': answer('/open', 'framable'),
    '/deny': answer('/deny', 'x_frame_options'),
    '/same-origin': answer('/same-origin', 'x_frame_options'),
    '/ancestors-other': answer('/ancestors-other', 'frame_ancestors'),
    '/ancestors-panel': answer('/ancestors-panel', 'framable'),
    '/ancestors-any': answer('/ancestors-any', 'framable'),
    '/policy-without-ancestors': answer('/policy-without-ancestors', 'framable'),
    // Not followed: the frame would show /open while the heatmap measured /moved.
    '/moved': answer('/moved', 'redirect'),
    '/missing': answer('/missing', 'unavailable'),
  });
  assert.deepEqual(asked, Object.keys(PAGES));
});

test('an answer is remembered; a pattern is never asked; a closed port is unreachable; bad input is a 400', async () => {
  const before = asked.length;
  assert.deepEqual((await framing('/deny')).body, {
    url: `${origin}/deny`,
    framable: false,
    reason: 'x_frame_options',
  });
  assert.deepEqual((await framing('/blog/**')).body, { url: null, framable: false, reason: 'pattern' });
  assert.deepEqual(asked.slice(before), [], 'the first answer is reused and a pattern asks nothing');

  // A port nothing listens on: the server's own, closed.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const { body } = await post('/sites')
    .send({ name: 'Down', domain: 'down.test', allowedOrigins: [closedOrigin] })
    .expect(201);
  assert.deepEqual((await framing('/pricing', body.id as number)).body, {
    url: `${closedOrigin}/pricing`,
    framable: false,
    reason: 'unreachable',
  });

  await assertRefused(siteId, [
    [
      'heatmap/framing',
      {},
      'page must be a path or a wildcard pattern starting with / (at most 2048 characters)',
    ],
    [
      'heatmap/framing',
      { page: 'pricing' },
      'page must be a path or a wildcard pattern starting with / (at most 2048 characters)',
    ],
  ]);
});

test('another site’s pages are as missing as a site that does not exist', async () => {
  await assertIsolated([['heatmap/framing', { page: '/blog/**' }]], 'framing-viewer@shop.test');
});
