import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { withDefaults, type EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { shiftedClockEnvironment, type StartEdgeOptions } from '../src';
import { EdgeHarness, requestFrom, SITE } from './edge-harness';
import { connectionPerWorker } from './worker-connections';

const BEACON = JSON.stringify({ s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] });

/**
 * Visitors the tests can recognise in any file: addresses a trusted proxy (127.0.0.1) names in
 * X-Forwarded-For, and loopback addresses that connect directly (untrusted: their socket address is
 * the client's). None is a prefix of another.
 */
const FORWARDED = Array.from({ length: 20 }, (_, i) => `198.51.100.${150 + i}`);
const DIRECT = Array.from({ length: 10 }, (_, i) => `127.0.0.${20 + i}`);

interface Visitor {
  /** The local address the request leaves from. */
  from: string;
  /** What the trusted proxy says the visitor's address is, if it is the one sending. */
  forwardedFor?: string;
}

function visitors(i: number): Visitor[] {
  return [{ from: '127.0.0.1', forwardedFor: FORWARDED[i] }, { from: DIRECT[i % DIRECT.length] }];
}

function headersOf(visitor: Visitor, headers: Record<string, string> = {}): Record<string, string> {
  return visitor.forwardedFor ? { ...headers, 'x-forwarded-for': visitor.forwardedFor } : headers;
}

/** One request from `visitor`; resolves with the status. */
async function send(
  url: string,
  visitor: Visitor,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | string[] },
): Promise<number> {
  const { path, headers, ...rest } = options;
  return (
    await requestFrom(`${url}${path}`, { ...rest, headers: headersOf(visitor, headers), from: visitor.from })
  ).status;
}

/** Bytes no HTTP client sends, from `visitor`; resolves once the edge has answered and closed. */
function raw(url: string, visitor: Visitor, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const forwarded = visitor.forwardedFor ? `X-Forwarded-For: ${visitor.forwardedFor}\r\n` : '';
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress: visitor.from }, () =>
      socket.end(head.replace('\r\n\r\n', `\r\n${forwarded}Connection: close\r\n\r\n`)),
    );
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
  });
}

/** What makes nginx itself log about a request, which names the client in every such line. */
const HOSTILE: Record<string, (url: string, visitor: Visitor) => Promise<unknown>> = {
  'a body over the limit to the panel': (url, visitor) =>
    send(url, visitor, { path: '/', method: 'POST', headers: { 'content-length': '2000000' } }),
  'a body over the limit to /api/': (url, visitor) =>
    send(url, visitor, { path: '/api/sites', method: 'POST', headers: { 'content-length': '2000000' } }),
  'a body over the limit to the health check': (url, visitor) =>
    send(url, visitor, {
      path: '/telemetry/health',
      method: 'POST',
      headers: { 'content-length': '2000000' },
    }),
  'a body over the limit to the tracker': (url, visitor) =>
    send(url, visitor, { path: '/telemetry/s.js', method: 'POST', headers: { 'content-length': '2000000' } }),
  'a chunked body over the limit to /api/': (url, visitor) =>
    send(url, visitor, {
      path: '/api/sites',
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: Array.from({ length: 20 }, () => 'x'.repeat(100_000)),
    }),
  'a chunked body to the collect endpoint': (url, visitor) =>
    send(url, visitor, {
      path: '/telemetry/e',
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: [BEACON, 'x'.repeat(100_000)],
    }),
  'a declared body over the contract to the collect endpoint': (url, visitor) =>
    send(url, visitor, { path: '/telemetry/e', method: 'POST', headers: { 'content-length': '70000' } }),
  '/api/ while the backend is down': (url, visitor) => send(url, visitor, { path: '/api/health' }),
  'a folder of the panel': (url, visitor) => send(url, visitor, { path: '/assets/' }),
  'a path out of the panel': (url, visitor) =>
    raw(url, visitor, 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'),
  'a header line over nginx’s limit': (url, visitor) =>
    raw(url, visitor, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`),
  'a request line over nginx’s limit': (url, visitor) =>
    raw(url, visitor, `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
  'a broken request line': (url, visitor) => raw(url, visitor, 'HELLO THERE\r\n\r\n'),
  'a broken header': (url, visitor) => raw(url, visitor, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
  'beacons past the rate limit': async (url, visitor) => {
    for (let i = 0; i < 5; i++)
      await send(url, visitor, { path: '/telemetry/e', method: 'POST', body: BEACON });
  },
};

async function withEdge(overrides: Partial<StartEdgeOptions>, run: (harness: EdgeHarness) => Promise<void>) {
  const harness = await new EdgeHarness().start(overrides);
  try {
    await run(harness);
  } finally {
    await harness.stop();
  }
}

test('no log line names a visitor: nginx’s own refusals, upstream failures and limits included', async () => {
  // The backend at 127.0.0.1:9 is down, and two beacons a second are the limit.
  await withEdge({ rateLimit: { perSecond: 1, burst: 1 } }, async (harness) => {
    let i = 0;
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      for (const visitor of visitors(i))
        await hostile(harness.edge.url, visitor).catch((error: Error) => {
          throw new Error(`${name}: ${error.message}`, { cause: error });
        });
      i += 1;
    }
    // What the log can't say is counted: /api/'s answers by status, in the metrics (one worker: its
    // own counts up to the request before). Two visitors asked while the backend was down.
    const metrics = await (await fetch(harness.edge.metricsUrl)).text();
    assert.match(metrics, /^sluice_edge_requests_total\{route="api",status="502"\} 2$/m);
    await harness.edge.stop();
    assert.deepEqual(harness.filesNaming([...FORWARDED, ...DIRECT]), []);
    assert.deepEqual(harness.errorLines(), []);
  });
});

/**
 * A wall clock for nginx that runs ahead, so that its UTC day ends `seconds` from now (LD_PRELOAD of
 * shifted-clock.c), and the real time at which it does. Both days are named as the edge names them.
 */
function clockNearMidnight(dir: string, seconds: number) {
  const now = Math.floor(Date.now() / 1000);
  const midnight = Math.ceil((now + 1) / 86_400) * 86_400;
  const shift = midnight - seconds - now;
  const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
  return {
    environment: shiftedClockEnvironment(dir, shift),
    /** Only the whole seconds move: the edge's day ends at this real moment exactly. */
    dayEndsAt: (now + seconds) * 1000,
    today: day(midnight - 1),
    tomorrow: day(midnight),
  };
}

const dayEnded = (clock: { dayEndsAt: number }) =>
  waitUntil("the edge's UTC day to end", async () => Date.now() >= clock.dayEndsAt, { timeoutMs: 15_000 });

test('a day’s salt that cannot be made is reported without the visitor whose beacon found it missing', async () => {
  const harness = new EdgeHarness();
  try {
    const clock = clockNearMidnight(harness.dir, 4);
    await harness.start({ environment: clock.environment });
    // The workers can't write the next day's salt.
    chmodSync(join(harness.options.stateDir, 'salts'), 0o500);
    await dayEnded(clock);
    const visitor = { from: '127.0.0.1', forwardedFor: FORWARDED[0] };
    assert.equal(
      await send(harness.edge.url, visitor, { path: '/telemetry/e', method: 'POST', body: BEACON }),
      204,
    );
    const failure = () =>
      readFileSync(harness.edge.errorLog, 'utf8')
        .split('\n')
        .find((line) => line.includes('cannot create the visitor salt'));
    await waitUntil('the failure reported', async () => failure() !== undefined, { timeoutMs: 5000 });
    assert.match(failure()!, /\[error\].*cannot create the visitor salt/, 'the failure is reported');
    assert.doesNotMatch(failure()!, /client:/);
    await harness.edge.stop();
    assert.deepEqual(harness.filesNaming(FORWARDED), []);
  } finally {
    await harness.stop();
  }
});

test('when the UTC day ends, both workers hash with the new salt: a visitor gets a new id, the same in each; an event of the day before keeps its day and id', async () => {
  const harness = new EdgeHarness();
  try {
    const clock = clockNearMidnight(harness.dir, 6);
    // Started as root, nginx's workers would be nobody, who can't write the salts folder the master
    // made (production shares it through a group: ops/src/stack): here they run as root too.
    const root = process.getuid?.() === 0;
    await harness.start({
      workerProcesses: 2,
      environment: clock.environment,
      ...(root && { workerUser: { user: 'root', group: 'root' } }),
    });
    const connections = await connectionPerWorker(harness.edge);
    const userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15';
    // `queued`: an event the tracker held a minute, tracked before midnight, sent after it.
    const beacon = (name: string, queued?: string) =>
      Promise.all(
        connections.map(async ({ agent }) => {
          const events = [{ n: name, u: 'https://shop.test/' }];
          if (queued) events.push({ n: queued, u: 'https://shop.test/', a: 60_000 } as (typeof events)[0]);
          const answer = await requestFrom(`${harness.edge.url}/telemetry/e`, {
            method: 'POST',
            headers: { 'x-forwarded-for': FORWARDED[3], 'user-agent': userAgent },
            body: JSON.stringify({ s: SITE.key, e: events }),
            agent,
          });
          assert.equal(answer.status, 204, name);
        }),
      );
    await beacon('before');
    await dayEnded(clock);
    await beacon('after', 'queued');
    // Each worker buffers its own lines: once nginx has stopped, the file holds all of them.
    await harness.edge.stop();
    for (const { agent } of connections) agent.destroy();

    const salts = join(harness.options.stateDir, 'salts');
    assert.deepEqual(readdirSync(salts).sort(), [clock.today, clock.tomorrow], 'one salt a day');
    const idUnder = (day: string) =>
      createHmac('sha1', readFileSync(join(salts, day)))
        .update([SITE.id, FORWARDED[3], userAgent].join('\x00'))
        .digest()
        .subarray(0, 16)
        .toString('hex');
    const rows = harness.lines().map((line) => withDefaults(JSON.parse(line) as Partial<EventRow>));
    assert.deepEqual(
      rows.map((row) => [row.name, row.ts.slice(0, 10), row.visitor_id]).sort(),
      [
        ['after', clock.tomorrow, idUnder(clock.tomorrow)],
        ['after', clock.tomorrow, idUnder(clock.tomorrow)],
        ['before', clock.today, idUnder(clock.today)],
        ['before', clock.today, idUnder(clock.today)],
        ['queued', clock.today, idUnder(clock.today)],
        ['queued', clock.today, idUnder(clock.today)],
      ],
      "each worker's beacon before midnight under the old salt, after it under the new one, unless it happened before",
    );
    assert.notEqual(idUnder(clock.today), idUnder(clock.tomorrow));
    assert.deepEqual(harness.filesNaming([FORWARDED[3]]), []);
    assert.deepEqual(harness.errorLines(), []);
  } finally {
    await harness.stop();
  }
});

test('past its limit of requests in progress an address is refused (429), others are not, and nothing is logged', async () => {
  await withEdge({ connectionLimit: 2 }, async (harness) => {
    const { hostname, port } = new URL(harness.edge.url);
    // Two beacons whose bodies never finish arriving hold the address's two slots.
    const slow = [0, 1].map(
      () =>
        new Promise<ReturnType<typeof connect>>((resolve) => {
          const socket = connect({ host: hostname, port: Number(port) }, () => {
            socket.write(
              `POST /telemetry/e HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${FORWARDED[1]}\r\n` +
                `Content-Length: ${BEACON.length}\r\n\r\n${BEACON.slice(0, 10)}`,
            );
            resolve(socket);
          });
          socket.on('error', () => undefined);
        }),
    );
    const sockets = await Promise.all(slow);
    const from = (address: string) => ({ from: '127.0.0.1', forwardedFor: address });
    const beacon = { path: '/telemetry/e', method: 'POST', body: BEACON };
    // Refused once nginx holds both slow requests (until then the address still has a slot).
    await waitUntil(
      'the address refused',
      async () => (await send(harness.edge.url, from(FORWARDED[1]), beacon)) === 429,
      { timeoutMs: 5000 },
    );
    assert.equal(await send(harness.edge.url, from(FORWARDED[2]), beacon), 204);
    for (const socket of sockets) socket.destroy();
    await waitUntil(
      'the slots free again',
      async () => (await send(harness.edge.url, from(FORWARDED[1]), beacon)) === 204,
      { timeoutMs: 5000 },
    );
    await harness.edge.stop();
    assert.deepEqual(harness.filesNaming(FORWARDED), []);
    assert.deepEqual(harness.errorLines(), []);
  });
});
