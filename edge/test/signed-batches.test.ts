import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { WIRE, type WireBatch } from '@sluice/config';
import { EdgeHarness, SITE, writeSites } from './edge-harness';

const SECRETS = ['old-secret', 'new-secret'];
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PURCHASE = { n: 'purchase', u: 'https://shop.test/checkout/done', p: { total: 129.9 } };
/** The end users' addresses the tests name, in signed batches and X-Forwarded-For: no file may hold one. */
const ADDRESSES = ['198.51.100.7', '198.51.100.8', '198.51.100.9', '198.51.100.10', '203.0.113.50'];

/** What a site's server sends: the scheme of WIRE.signed, computed with Node's crypto. */
function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { [WIRE.signed.timestampHeader]: String(timestamp), [WIRE.signed.signatureHeader]: `v1=${digest}` };
}

let harness: EdgeHarness;

before(async () => {
  harness = new EdgeHarness();
  writeSites(join(harness.dir, 'sites.json'), [{ ...SITE, signingSecrets: SECRETS }]);
  await harness.start();
});
after(() => harness.stop());
afterEach(async () => {
  // Every test looks at all it wrote, so the next one starts with nothing written.
  await harness.newRows(0);
  assert.deepEqual(harness.filesNaming(ADDRESSES), [], 'no NDJSON line, log or other file holds an address');
  assert.deepEqual(harness.errorLines(), []);
});

async function post(batch: WireBatch | string, headers: Record<string, string>) {
  const response = await harness.post(batch, headers);
  const body = await response.text();
  return { status: response.status, body: body ? JSON.parse(body) : undefined };
}

const newRows = (expected: number) => harness.newRows(expected);

test('a signed batch is recorded for the end user it names: address and user agent', async () => {
  const batch = { s: SITE.key, e: [PURCHASE], ip: '198.51.100.7', ua: CHROME };
  const body = JSON.stringify(batch);
  assert.deepEqual(await post(body, signedHeaders(SECRETS[1], body)), { status: 204, body: undefined });
  // The same person's browser, through the trusted first-party proxy.
  const browser = { s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] };
  assert.equal(
    (await post(browser, { 'x-forwarded-for': '198.51.100.7', 'user-agent': CHROME })).status,
    204,
  );
  const [server, visit] = await newRows(2);
  assert.deepEqual(
    [server.name, server.browser, server.os, server.is_bot],
    ['purchase', 'Chrome', 'Windows', 0],
  );
  assert.equal(server.visitor_id, visit.visitor_id, 'one visitor, whichever side reported the event');
  assert.deepEqual([server.props_keys, server.props_values], [['total'], ['129.9']]);
});

test("a signed batch naming no user agent is the server's own: no browser, not a bot", async () => {
  const body = JSON.stringify({ s: SITE.key, e: [PURCHASE] });
  assert.equal((await post(body, signedHeaders(SECRETS[0], body))).status, 204);
  const [row] = await newRows(1);
  assert.deepEqual([row.browser, row.device, row.is_bot], ['', '', 0]);
});

test('a wrong, stale or partial signature is a 401 with a code, and nothing is written', async () => {
  const body = JSON.stringify({ s: SITE.key, e: [PURCHASE], ip: '198.51.100.8' });
  const now = Math.floor(Date.now() / 1000);
  const cases: Array<[Record<string, string>, string]> = [
    [signedHeaders('not-the-secret', body), 'signature_invalid'],
    [signedHeaders(SECRETS[0], `${body} `), 'signature_invalid'],
    [signedHeaders(SECRETS[0], body, now - WIRE.signed.maxSkewSeconds - 60), 'timestamp_stale'],
    [{ [WIRE.signed.timestampHeader]: String(now) }, 'signature_missing'],
    [{ ...signedHeaders(SECRETS[0], body), [WIRE.signed.timestampHeader]: 'yesterday' }, 'timestamp_invalid'],
  ];
  for (const [headers, error] of cases) {
    assert.deepEqual(await post(body, headers), { status: 401, body: { error } }, error);
  }
  await newRows(0); // no refused batch reached the log
});

test('an unsigned batch cannot name an address or a user agent', async () => {
  const batch = { s: SITE.key, e: [PURCHASE], ip: '198.51.100.9', ua: CHROME };
  assert.equal(
    (await post(batch, { 'x-forwarded-for': '203.0.113.50', 'user-agent': 'curl/8.0' })).status,
    204,
  );
  assert.equal(
    (
      await post(
        { ...batch, ip: '198.51.100.10' },
        { 'x-forwarded-for': '203.0.113.50', 'user-agent': 'curl/8.0' },
      )
    ).status,
    204,
  );
  const [first, second] = await newRows(2);
  assert.equal(first.visitor_id, second.visitor_id, 'the connection decides, not the body');
  assert.deepEqual([first.is_bot, first.browser], [1, 'curl']);
});

test("a signed batch's language is the user's Accept-Language it names, never the server's own header", async () => {
  const headers = (body: string) => ({ ...signedHeaders(SECRETS[0], body), 'accept-language': 'en-US' });
  const named = JSON.stringify({ s: SITE.key, e: [PURCHASE], lang: 'pt-BR,pt;q=0.9,en;q=0.8' });
  const unnamed = JSON.stringify({ s: SITE.key, e: [PURCHASE] });
  const notText = JSON.stringify({ s: SITE.key, e: [PURCHASE], lang: ['de'] });
  for (const body of [named, unnamed, notText]) assert.equal((await post(body, headers(body))).status, 204);
  // Unsigned, a batch's lang is ignored: the browser's header decides.
  const browser = { s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }], lang: 'ja' };
  assert.equal((await post(browser, { 'accept-language': 'fr-CA,fr;q=0.9' })).status, 204);
  const rows = await newRows(4);
  assert.deepEqual(
    rows.map((row) => row.language),
    ['pt-br', '', '', 'fr-ca'],
  );
});
