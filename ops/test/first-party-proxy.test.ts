import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { trackerSnippet, type EventRow, type SiteEntry } from '@sluice/config';
import type { RunningEdge } from '@sluice/edge';
import { freePort, waitUntil } from '@sluice/services';
import { CUSTOMER_HOST, launchChromium, personsPage } from './browser';
import { startBrowserTestEdge } from './browser-pipeline';
import { startCustomerSite, type ProxyServer } from './customer-site';

/**
 * The README's first-party proxy snippet for each web server, run by that server as the customer's own site
 * (customer-site.ts). Each server keeps its connections to the edge open for the next request, but nginx: its
 * snippet names the edge by URL, and nginx keeps upstream connections only for an `upstream` block with
 * `keepalive`, which the owner's EDGE_ORIGIN is not.
 */
const SERVERS: { server: ProxyServer; keepsEdgeConnectionsOpen: boolean }[] = [
  { server: 'nginx', keepsEdgeConnectionsOpen: false },
  { server: 'caddy', keepsEdgeConnectionsOpen: true },
  { server: 'apache', keepsEdgeConnectionsOpen: true },
];

/** The script the stand-in edge serves as /telemetry/s.js. */
const STAND_IN_SCRIPT = 'window.standInTracker = true;';

/** A request as it reached the edge: `connection` numbers the proxy's connections to the edge in order. */
interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  connection: number;
}

/**
 * Where the customer's proxy forwards to, recording each request as it arrived: a stand-in that answers as the
 * edge does (204 to a beacon, a script for s.js), or, given `edgeUrl`, a pass-through to the real edge.
 */
async function startRecordingEdge(edgeUrl?: string) {
  const arrivals: Arrival[] = [];
  const connections = new WeakMap<Socket, number>();
  let opened = 0;
  const server = createServer(async (incoming, response) => {
    const body = Buffer.concat(await incoming.toArray());
    if (!connections.has(incoming.socket)) connections.set(incoming.socket, ++opened);
    arrivals.push({
      method: incoming.method!,
      url: incoming.url!,
      headers: incoming.headers,
      body: body.toString(),
      connection: connections.get(incoming.socket)!,
    });
    if (edgeUrl) {
      const answer = await new Promise<IncomingMessage>((resolve, reject) =>
        request(
          new URL(incoming.url!, edgeUrl),
          { method: incoming.method, headers: incoming.headers },
          resolve,
        )
          .on('error', reject)
          .end(body),
      );
      response.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(response);
    } else if (incoming.url === '/telemetry/s.js') {
      response
        .writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' })
        .end(STAND_IN_SCRIPT);
    } else {
      response.writeHead(204).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request to the customer's site on a connection of its own, with exactly `headers` (a Host of its choice). */
function send(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { method, headers, agent: false }, (response) => {
      response
        .toArray()
        .then((chunks) =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
        .catch(reject);
    })
      .on('error', reject)
      .end(body);
  });
}

/** A temporary folder that the servers' unprivileged workers (nginx's, Apache's children as root) can read. */
function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

for (const { server, keepsEdgeConnectionsOpen } of SERVERS) {
  test(`the ${server} first-party proxy snippet forwards /telemetry/ with the visitor's address, not the site's cookies and credentials`, async () => {
    const dir = readableTempDir(`sluice-first-party-${server}-`);
    const edge = await startRecordingEdge();
    const port = await freePort();
    const html = '<!doctype html><title>Shop</title>';
    const customer = await startCustomerSite({ server, dir, port, edgeOrigin: edge.origin, html }).catch(
      async (error: unknown) => {
        await edge.close();
        throw error;
      },
    );
    try {
      // A beacon from a visitor behind a proxy of their own, with the site's session cookie and credentials,
      // claiming HTTPS over plain HTTP, to the site's name with its port.
      const beacon = await send(`${customer.url}/telemetry/e?v=1`, {
        method: 'POST',
        body: '{"s":"shop"}',
        headers: {
          host: `${CUSTOMER_HOST}:${port}`,
          'content-type': 'text/plain',
          cookie: 'shop_session=secret-session; cart=3',
          authorization: 'Bearer secret-token',
          'x-forwarded-for': '198.51.100.9',
          'x-forwarded-proto': 'https',
        },
      });
      assert.equal(beacon.status, 204);
      assert.equal(edge.arrivals.length, 1);
      const [sent] = edge.arrivals;
      assert.equal(sent.method, 'POST');
      assert.equal(sent.url, '/telemetry/e?v=1', 'path and query unchanged');
      assert.equal(sent.body, '{"s":"shop"}');
      assert.equal(sent.headers.cookie, undefined, "the site's cookies stay with the site");
      assert.equal(sent.headers.authorization, undefined, "the site's credentials stay with the site");
      assert.equal(
        sent.headers['x-forwarded-for'],
        '198.51.100.9, 127.0.0.1',
        "the visitor's address appended",
      );
      assert.equal(
        sent.headers['x-forwarded-proto'],
        'http',
        'the scheme the visitor used, not the one they claim',
      );
      assert.equal(sent.headers.host, CUSTOMER_HOST, "the site's own host name, without the port");

      // The tracker's script, for a visitor with no proxy of their own: their address alone.
      const script = await send(`${customer.url}/telemetry/s.js`);
      assert.equal(script.status, 200);
      assert.match(String(script.headers['content-type']), /^application\/javascript/);
      assert.equal(script.body, STAND_IN_SCRIPT);
      assert.equal(edge.arrivals.length, 2);
      const fetched = edge.arrivals[1];
      assert.equal(fetched.url, '/telemetry/s.js');
      assert.equal(fetched.headers['x-forwarded-for'], '127.0.0.1');
      assert.equal(fetched.headers.host, '127.0.0.1');
      if (keepsEdgeConnectionsOpen)
        assert.equal(
          fetched.connection,
          sent.connection,
          'the second request reuses the connection to the edge',
        );

      // The site's own pages are the site's: nothing else goes to the edge.
      assert.equal((await send(`${customer.url}/`)).body, html);
      // (nginx answers /telemetry with a redirect to /telemetry/, Caddy and Apache with a 404.)
      await send(`${customer.url}/telemetry`);
      assert.equal(edge.arrivals.length, 2, 'only /telemetry/ and below goes to the edge');
    } finally {
      await customer.stop();
      await edge.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * The Caddy and Apache snippets in a real browser: Chromium visits the customer's page, which carries the
 * tracker's snippet and a session cookie of the site's, and the pageview reaches the real edge through the
 * customer's proxy (a recording pass-through between them shows what the edge was sent).
 */
describe('a visit in Chromium through the Caddy and Apache snippets', () => {
  const BROWSER_SERVERS: ProxyServer[] = ['caddy', 'apache'];
  const sites: SiteEntry[] = BROWSER_SERVERS.map((server, index) => ({
    id: index + 1,
    key: `first-party-${server}`,
    name: server,
    domain: CUSTOMER_HOST,
    timezone: 'UTC',
  }));
  let dir: string;
  let edge: RunningEdge;
  let browser: Browser;

  before(async () => {
    dir = readableTempDir('sluice-first-party-browser-');
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ version: 1, sites }));
    edge = await startBrowserTestEdge(dir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await edge?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const edgeRows = (): EventRow[] => {
    const log = join(dir, 'events', 'events.ndjson');
    if (!existsSync(log)) return [];
    const written = readFileSync(log, 'utf8');
    return written
      .slice(0, written.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as EventRow);
  };

  BROWSER_SERVERS.forEach((server, index) => {
    test(`the ${server} snippet serves the tracker and takes its pageview to the edge`, async () => {
      const site = sites[index];
      const recorder = await startRecordingEdge(edge.url);
      const port = await freePort();
      const customer = await startCustomerSite({
        server,
        dir: join(dir, `customer-${server}`),
        port,
        edgeOrigin: recorder.origin,
        html: `<!doctype html><html><head><title>Shop</title><link rel="icon" href="data:,">${trackerSnippet(site.key)}</head><body><h1>Shop</h1></body></html>`,
      }).catch(async (error: unknown) => {
        await recorder.close();
        throw error;
      });
      const page = await personsPage(browser);
      try {
        const pageUrl = `http://${CUSTOMER_HOST}:${port}/`;
        await page.context().addCookies([{ name: 'shop_session', value: 'secret-session', url: pageUrl }]);
        const script = page.waitForResponse((response) => response.url() === `${pageUrl}telemetry/s.js`);
        const beacon = page.waitForRequest(
          (sent) => sent.url() === `${pageUrl}telemetry/e` && sent.method() === 'POST',
        );
        await page.goto(pageUrl);

        // The built tracker, through the customer's domain, as JavaScript.
        const scriptResponse = await script;
        assert.equal(scriptResponse.status(), 200);
        assert.match(scriptResponse.headers()['content-type'] ?? '', /javascript/);
        // The browser sent the site's cookie with its beacon: what the proxy has to keep from the edge.
        assert.match((await (await beacon).allHeaders()).cookie ?? '', /shop_session=secret-session/);

        await waitUntil(`the ${server} site's pageview in the edge's log`, async () =>
          edgeRows().some((row) => row.site_id === site.id && row.name === 'pageview'),
        );
        const row = edgeRows().find((written) => written.site_id === site.id)!;
        assert.equal(row.hostname, CUSTOMER_HOST);
        assert.equal(row.pathname, '/');

        const telemetry = recorder.arrivals.filter(({ url }) => url.startsWith('/telemetry/'));
        const requests = telemetry.map(({ method, url }) => `${method} ${url}`);
        for (const expected of ['GET /telemetry/s.js', 'POST /telemetry/e'])
          assert.ok(requests.includes(expected), `${expected} reached the edge: ${requests.join(', ')}`);
        for (const { headers, url } of telemetry) {
          assert.equal(headers.cookie, undefined, `${url}: the site's cookie stays with the site`);
          assert.equal(headers['x-forwarded-for'], '127.0.0.1', `${url}: the visitor's address`);
          assert.equal(headers['x-forwarded-proto'], 'http', url);
          assert.equal(headers.host, CUSTOMER_HOST, url);
        }
        assert.equal(recorder.arrivals.length, telemetry.length, 'the page itself never reaches the edge');
      } finally {
        await page.context().close();
        await customer.stop();
        await recorder.close();
      }
    });
  });
});
