/**
 * Deleting a site holds with events in flight, every part real: the edge (nginx) takes a site's
 * beacons and writes them to its NDJSON file, the shipper (a process) tails the file into ClickHouse
 * 18.16, and the backend deletes the site. Events written to the file but not yet shipped when the
 * site is deleted must not survive the deletion, in any table.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { startShipperProcess } from '@sluice/pipeline';
import { freePort, waitUntil, type ManagedProcess } from '@sluice/services';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { inEveryTable, OWNER, signIn, startTestStores, type SiteTables, type TestStores } from './harness.js';

let stores: TestStores;
let edge: RunningEdge & { eventsLog: string };
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let shipper: ManagedProcess | undefined;
let shipperMetricsPort: number;

/** Starts the backend, or again on the same stores (as a restart would): its sweep runs at start. */
async function startBackend(): Promise<void> {
  const env = { ...stores.env, SLUICE_SHIPPER_METRICS_URL: `http://127.0.0.1:${shipperMetricsPort}/metrics` };
  app = await createApp(loadAppConfig(env), ['error', 'fatal']);
  await app.init();
  http = request(app.getHttpServer());
  token = await signIn(http, OWNER);
}

function startShipper(): void {
  shipper = startShipperProcess({
    inputDir: join(stores.dir, 'edge', 'events'),
    stateDir: join(stores.dir, 'shipper'),
    logFile: join(stores.dir, 'shipper.log'),
    clickhouse: stores.ingest,
    batchMaxWaitMs: 100,
    metricsPort: shipperMetricsPort,
  });
}

before(async () => {
  stores = await startTestStores();
  shipperMetricsPort = await freePort();
  await startBackend();
  // Started as root, the edge's workers run as root too: the sites file is the edge's group's only (0640).
  const root = process.getuid?.() === 0;
  edge = await startLoopbackEdge(join(stores.dir, 'edge'), [], {
    sitesFile: stores.sitesFile,
    ...(root && { workerUser: { user: 'root', group: 'root' } }),
  });
  startShipper();
});

after(async () => {
  await shipper?.stop();
  await edge?.stop();
  await app?.close();
  await stores?.stop();
});

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The edge's answer to a pageview sent with `key`, from a page of `host` (the site's own: another's is flagged). */
async function beacon(key: string, path = '/', host = 'gone.test'): Promise<number> {
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    // A browser's user agent: Node's own ("node") is a client the edge files as a bot, out of the rollups.
    headers: { 'user-agent': BROWSER },
    body: JSON.stringify({ s: key, e: [{ n: 'pageview', u: `https://${host}${path}` }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Sends `count` pageviews with `key` through the edge, from pages of `host`; every one must be taken. */
async function pageviews(key: string, count: number, host?: string): Promise<void> {
  for (let i = 0; i < count; i++) assert.equal(await beacon(key, `/${i}`, host), 204);
}

/** Lines of `siteId` the edge has written to its NDJSON file. */
const linesWritten = (siteId: number) =>
  readFileSync(edge.eventsLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"site_id":${siteId},`)).length;

/** Waits until the tables hold `expected` of `siteId`: the rollups' views write after the events are seen. */
const holding = (siteId: number, expected: SiteTables) =>
  waitUntil(`site ${siteId} holding ${JSON.stringify(expected)}`, async () => {
    assert.deepEqual(await stores.siteHoldings(siteId), expected);
    return true;
  });

const as = (method: 'get' | 'post' | 'delete', path: string) =>
  http[method](path).set('authorization', `Bearer ${token}`);

/** Waits for the deletion of `siteId` to reach `check`; its status then. */
async function deletionWhere(
  siteId: number,
  what: string,
  check: (status: { status: string; stage: string | null }) => boolean,
) {
  let status = { status: '', stage: null as string | null };
  await waitUntil(
    what,
    async () => check((status = (await as('get', `/api/sites/${siteId}/status`).expect(200)).body)),
    {
      timeoutMs: 60_000,
    },
  );
  return status;
}

test('events still in flight when a site is deleted do not survive the deletion, in any table, across a restart', async () => {
  const site = (await as('post', '/api/sites').send({ name: 'Gone', domain: 'gone.test' }).expect(201)).body;
  const other = (await as('get', '/api/sites').expect(200)).body.find(
    ({ domain }: { domain: string }) => domain === 'shop.test',
  );
  await waitUntil('the edge taking the new key', async () => (await beacon(site.siteKey)) === 204);
  await pageviews(site.siteKey, 20);
  await pageviews(other.siteKey, 5, other.domain);
  await stores.command(
    `INSERT INTO sluice.autocapture_names VALUES (${site.id}, 'f1', 'Buy', 'manual', now()), (${other.id}, 'f1', 'Buy', 'manual', now())`,
  );
  await holding(other.id, inEveryTable(5, 1));
  await holding(site.id, inEveryTable(21, 1));

  // The shipper stops: what the edge writes now waits in the NDJSON file.
  await shipper!.stop();
  const shipped = linesWritten(site.id);
  await pageviews(site.siteKey, 30);
  await waitUntil(
    'the edge writing the events in flight',
    async () => linesWritten(site.id) === shipped + 30,
  );

  const asked = await as('delete', `/api/sites/${site.id}?confirm=gone.test`).expect(202);
  assert.deepEqual([asked.body.status, asked.body.stage], ['deleting', 'stopping-intake']);
  assert.equal(readFileSync(stores.sitesFile, 'utf8').includes(site.siteKey), false, 'intake stops first');
  await as('get', `/api/sites/${site.id}`).expect(404);
  await waitUntil('the edge refusing the key', async () => (await beacon(site.siteKey)) === 400);
  // The pipeline can't pass the moment intake stopped while the shipper is down: nothing is erased yet.
  await deletionWhere(site.id, 'the deletion waiting for the pipeline', ({ stage }) => stage === 'draining');
  assert.deepEqual(await stores.siteHoldings(site.id), inEveryTable(21, 1));

  // A restart meanwhile: the deletion resumes where the site's row says it stands.
  await app.close();
  await startBackend();
  startShipper();
  const done = await deletionWhere(site.id, 'the deletion done', ({ status }) => status === 'deleted');
  assert.equal(done.stage, null);
  assert.deepEqual(await stores.siteRows(site.id), inEveryTable(0, 0));
  assert.deepEqual(
    await stores.siteHoldings(other.id),
    inEveryTable(5, 1),
    "the other site's rows are all there",
  );

  // A dead letter of the deleted site replayed after its deletion (pipeline/README.md), and a line of the
  // other site after it: once that is stored, so is the late row. The sweep at the next start erases it.
  const late = readFileSync(edge.eventsLog, 'utf8')
    .split('\n')
    .find((line) => line.includes(`"site_id":${site.id},`))!;
  const marker = readFileSync(edge.eventsLog, 'utf8')
    .split('\n')
    .find((line) => line.includes(`"site_id":${other.id},`))!;
  writeFileSync(
    join(stores.dir, 'edge', 'events', 'replay-1.ndjson'),
    `${late}\n${marker.replace(/"event_id":"[^"]+"/, `"event_id":"${randomUUID()}"`)}\n`,
  );
  await holding(other.id, inEveryTable(6, 1));
  await holding(site.id, inEveryTable(1, 0));
  await app.close();
  await startBackend();
  await waitUntil('the sweep erasing the late row', async () => {
    assert.deepEqual(await stores.siteRows(site.id), inEveryTable(0, 0));
    return true;
  });
  assert.deepEqual(await stores.siteHoldings(other.id), inEveryTable(6, 1));
});
