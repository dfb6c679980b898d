import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rowProblems, WIRE } from '@sluice/config';
import { EdgeHarness, SITE, writeSites } from './edge-harness';

/** Reproducible: the same seed sends the same 10,000 requests, so a failure can be replayed. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const REQUESTS = 10_000;
const CONCURRENCY = 16;
const SECRET = 'fuzz-site-secret';

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32: small, fast and good enough to spread inputs.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}

const random = generator(SEED);
/** What the trusted proxy (the harness's 127.0.0.1) says about visitors: addresses no file may hold afterwards. */
const VISITORS = ['198.51.100.201', '198.51.100.202', '198.51.100.203', '2001:db8::204'];
const FORWARDED_FOR = [VISITORS[0], 'garbage', `${VISITORS[1]}, ${VISITORS[2]}`, VISITORS[3], ''];
/** What the batches say about their end users (believed when the signature is right): no file may hold these either. */
const SIGNED_ADDRESSES = ['198.51.100.7', '2001:db8::1'];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\n',
  '\r\n',
  '"',
  '\\',
  '\\u0000',
  '</script>',
  '\u2028',
  '\uffff',
  'é',
  '😀',
  '%00',
  '%',
  '?',
  '#',
  '//',
  'null',
];

function randomString(): string {
  const kind = random.int(5);
  if (kind === 0) return random.pick(NASTY_STRINGS);
  if (kind === 1) return 'x'.repeat(random.int(5000));
  if (kind === 2)
    return String.fromCharCode(...Array.from({ length: random.int(40) }, () => random.int(0x3000)));
  if (kind === 3)
    return `https://${random.pick(['shop.test', 'Shop.Test:8443', 'a@b.c', '[::1]:80', '', 'x'.repeat(300)])}/${random.pick(NASTY_STRINGS)}?utm_source=${random.pick(NASTY_STRINGS)}`;
  return Array.from({ length: random.int(20) }, () => random.pick(NASTY_STRINGS)).join('');
}

function randomValue(depth = 0): unknown {
  const kind = random.int(depth > 3 ? 4 : 7);
  if (kind === 0) return randomString();
  if (kind === 1) return random.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
  if (kind === 2) return random.pick([true, false, null]);
  if (kind === 3) return random.pick(['pageview', SITE.key, '6f1c2a3b-1111-4222-8333-444455556666']);
  if (kind === 4) return Array.from({ length: random.int(4) }, () => randomValue(depth + 1));
  return Object.fromEntries(
    Array.from({ length: random.int(5) }, () => [
      random.pick(['n', 'u', 'r', 'id', 'sid', 'p', 'e', 's', randomString()]),
      randomValue(depth + 1),
    ]),
  );
}

function randomEvent(): unknown {
  const event: Record<string, unknown> = { n: 'pageview', u: 'https://shop.test/' };
  for (const key of Object.keys(WIRE.event)) if (random.next() < 0.3) event[key] = randomValue(1);
  return random.next() < 0.1 ? randomValue() : event;
}

/** Signature headers: right (the site's secret, now), or wrong in one of many ways. */
function signRandomly(headers: Record<string, string>, body: string): void {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = random.pick([String(now), String(now - 10_000), '', 'x', randomString()]);
  const digest = createHmac('sha256', random.pick([SECRET, 'wrong']))
    .update(`${timestamp}.${body}`)
    .digest('hex');
  headers[WIRE.signed.timestampHeader] = timestamp.replace(/[^\x20-\x7e]/g, '');
  headers[WIRE.signed.signatureHeader] = random
    .pick([
      `v1=${digest}`,
      `v1=${digest}`,
      `v1=zz, v1=${digest}`,
      `v1=${digest.toUpperCase()}`,
      randomString(),
      '',
    ])
    .replace(/[^\x20-\x7e]/g, '');
}

/** One request: a mostly well-formed batch with broken parts, raw garbage, or a hostile GET. */
function randomRequest(url: string): { input: string; init: RequestInit } {
  const headers: Record<string, string> = {};
  if (random.next() < 0.3) headers['user-agent'] = randomString().replace(/[^\t\x20-\x7e]/g, '');
  if (random.next() < 0.2) headers['x-forwarded-for'] = random.pick(FORWARDED_FOR);
  if (random.next() < 0.1) headers.origin = random.pick(['https://shop.test', 'null', 'x']);
  const kind = random.int(10);
  if (kind === 0) {
    const query = Array.from(
      { length: random.int(8) },
      () =>
        `${encodeURIComponent(random.pick(['s', 'n', 'u', 'r', randomString()]))}=${encodeURIComponent(randomString())}`,
    );
    if (random.next() < 0.5) query.push(`s=${SITE.key}`);
    return {
      input: `${url}?${query.join('&')}${random.pick(['', '&', '&&=', '%zz', '&s'])}`,
      init: { headers },
    };
  }
  let body: string;
  if (kind === 1) body = randomString();
  else if (kind === 2) body = JSON.stringify(randomValue());
  else {
    const batch: Record<string, unknown> = {
      s: random.next() < 0.9 ? SITE.key : randomValue(),
      e: Array.from({ length: random.int(12) }, randomEvent),
    };
    // What only signed batches may carry, sometimes well-formed.
    if (random.next() < 0.2) batch.ip = random.pick([...SIGNED_ADDRESSES, randomValue()]);
    if (random.next() < 0.2) batch.ua = random.pick(['Mozilla/5.0 Chrome/131.0', randomValue()]);
    body = JSON.stringify(batch);
    if (random.next() < 0.1) body = body.slice(0, random.int(body.length));
  }
  if (random.next() < 0.1) signRandomly(headers, body);
  return { input: url, init: { method: random.pick(['POST', 'POST', 'POST', 'PUT']), body, headers } };
}

let harness: EdgeHarness;
before(async () => {
  // Ten thousand requests from one address in seconds: the per-address rate limit is lifted, as
  // the point is what the handler does with each one.
  const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
  harness = new EdgeHarness();
  writeSites(join(harness.dir, 'sites.json'), [{ ...SITE, signingSecrets: [SECRET] }]);
  await harness.start({ rateLimit: unlimited, serverRateLimit: unlimited });
});
after(() => harness.stop());

test(`${REQUESTS} random and malformed requests: no 5xx, every line a contract row, no error logged, no visitor named`, async () => {
  const url = `${harness.edge.url}/telemetry/e`;
  const statuses = new Map<number, number>();
  let accepted = 0;
  let sent = 0;
  const worker = async () => {
    while (sent < REQUESTS) {
      sent += 1;
      const { input, init } = randomRequest(url);
      const response = await fetch(input, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(
        response.status < 500,
        `${response.status} for ${init.method ?? 'GET'} ${input.slice(0, 200)}: ${text}`,
      );
      if (response.status === 204)
        accepted +=
          init.method === 'POST' ? (JSON.parse(init.body as string) as { e: unknown[] }).e.length : 1;
      else if (response.status === 400 && text.includes('invalid_events'))
        accepted += (JSON.parse(text) as { accepted: number }).accepted;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await harness.edge.stop();
  const lines = harness.lines();
  for (const line of lines) assert.deepEqual(rowProblems(JSON.parse(line)), [], line);
  assert.equal(lines.length, accepted, 'every accepted event is one line, and nothing else is');
  assert.deepEqual(harness.errorLines(), []);
  assert.deepEqual(
    harness.filesNaming([...VISITORS, ...SIGNED_ADDRESSES]),
    [],
    'no log, NDJSON or other file holds an address',
  );
  assert.ok(
    (statuses.get(204) ?? 0) > REQUESTS / 200 && accepted > 1000,
    `the fuzz reached the writer: ${JSON.stringify([...statuses])}`,
  );
});
