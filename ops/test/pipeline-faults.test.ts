/**
 * The pipeline's promise under faults, with every part real: beacons → the edge (nginx) → NDJSON →
 * the shipper → ClickHouse. In each case the distinct events in ClickHouse must equal, exactly, the
 * events the edge answered 204 for.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { sampleEventRow, type SiteEntry } from '@sluice/config';
import type { RunningEdge } from '@sluice/edge';
import { runMigrations, startShipperProcess } from '@sluice/pipeline';
import {
  freePort,
  startClickHouse,
  waitUntil,
  type ClickHouseOptions,
  type ManagedProcess,
  type RunningClickHouse,
} from '@sluice/services';
import { startLoopbackEdge } from '@sluice/edge';
import { SteadyLoad } from './steady-load';

const dir = mkdtempSync(join(tmpdir(), 'sluice-faults-'));
// nginx's workers run as an unprivileged user: after a rotation they open the new NDJSON file here.
chmodSync(dir, 0o755);
const eventsDir = join(dir, 'events');
const eventsFile = join(eventsDir, 'events.ndjson'); // where startLoopbackEdge writes
const shipperState = join(dir, 'shipper');
const shipperLog = join(dir, 'shipper.log');
const account = (username: string) => ({ username, password: randomBytes(12).toString('hex') });
const credentials = {
  admin: account('sluice_admin'),
  ingest: account('sluice_ingest'),
  reader: account('sluice_reader'),
};
const site = (id: number): SiteEntry => ({
  id,
  key: `fault-site-${id}`,
  name: `site${id}.test`,
  domain: `site${id}.test`,
  timezone: 'UTC',
});
const SITES = { kill: site(1), outage: site(2), rotation: site(3), corrupt: site(4) };

let clickhouseOptions: ClickHouseOptions;
let clickhouse: RunningClickHouse;
let admin: ClickHouseClient;
let edge: RunningEdge;
let shipper: ManagedProcess;

const target = (role: 'admin' | 'ingest') => ({
  url: clickhouse.url,
  database: 'sluice',
  ...credentials[role],
});
const startShipper = () =>
  startShipperProcess({
    inputDir: eventsDir,
    stateDir: shipperState,
    logFile: shipperLog,
    clickhouse: target('ingest'),
    batchMaxWaitMs: 200,
  });

before(async () => {
  clickhouseOptions = {
    dir: join(dir, 'clickhouse'),
    httpPort: await freePort(),
    tcpPort: await freePort(),
    database: 'sluice',
    credentials,
  };
  clickhouse = await startClickHouse(clickhouseOptions);
  await runMigrations(target('admin'));
  admin = createClient({ url: clickhouse.url, ...credentials.admin });
  edge = await startLoopbackEdge(dir, Object.values(SITES));
  shipper = startShipper();
});

after(async () => {
  await shipper?.stop();
  await edge?.stop();
  await admin?.close();
  await clickhouse?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function distinctEvents(siteId: number): Promise<number> {
  const result = await admin.query({
    query: `SELECT uniqExact(event_id) AS n FROM sluice.events WHERE site_id = ${siteId}`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row.n);
}

/** Waits for ClickHouse to hold `accepted` events of the site, then checks it holds no more. */
async function assertExactlyDelivered(siteId: number, accepted: number): Promise<void> {
  assert.ok(accepted > 0, 'the edge accepted events');
  await waitUntil(
    `${accepted} events of site ${siteId} in ClickHouse`,
    async () => (await distinctEvents(siteId)) >= accepted,
    {
      timeoutMs: 90_000,
    },
  );
  // A second flush of the edge's log and a few shipper batches later: still exactly as many.
  await sleep(1500);
  assert.equal(await distinctEvents(siteId), accepted);
}

function assertNoRefusals(load: SteadyLoad): void {
  assert.deepEqual(load.refusals.slice(0, 5), [], `${load.refusals.length} beacons were refused`);
}

test('kill -9 of the shipper mid-stream loses nothing and counts nothing twice', async () => {
  const load = new SteadyLoad(edge.url, SITES.kill.key, { eventsPerSecond: 3000 });
  await sleep(2000);
  shipper.kill('SIGKILL');
  assert.equal(await shipper.waitForExit(), null, 'the shipper died by the signal');
  await sleep(1000);
  shipper = startShipper();
  await sleep(2000);
  shipper.kill('SIGKILL');
  await shipper.waitForExit();
  shipper = startShipper();
  await sleep(1000);
  const accepted = await load.stop();
  assertNoRefusals(load);
  await assertExactlyDelivered(SITES.kill.id, accepted);
});

test('ClickHouse stopped for 30 s under load: the edge keeps accepting and every event lands once', async () => {
  const load = new SteadyLoad(edge.url, SITES.outage.key, { eventsPerSecond: 2000 });
  await sleep(2000);
  await clickhouse.stop();
  const acceptedBeforeOutage = load.accepted;
  await sleep(30_000);
  const acceptedDuringOutage = load.accepted - acceptedBeforeOutage;
  clickhouse = await startClickHouse(clickhouseOptions);
  await sleep(3000);
  const accepted = await load.stop();
  assertNoRefusals(load);
  assert.ok(
    acceptedDuringOutage > 30_000,
    `the edge accepted ${acceptedDuringOutage} events while ClickHouse was down`,
  );
  await assertExactlyDelivered(SITES.outage.id, accepted);
  assert.match(readFileSync(shipperLog, 'utf8'), /ClickHouse insert of \d+ rows failed .*retrying in \d+ ms/);
});

test('log rotation under load (rename, then nginx -s reopen) loses nothing', async () => {
  const load = new SteadyLoad(edge.url, SITES.rotation.key, { eventsPerSecond: 3000 });
  const rotations = 5;
  for (let i = 1; i <= rotations; i++) {
    await sleep(1000);
    renameSync(eventsFile, `${eventsFile}.rotated-${i}`);
    await edge.reopenLogs();
  }
  await sleep(1000);
  const accepted = await load.stop();
  assertNoRefusals(load);
  // The renamed files are not counted: the shipper deletes each once it has shipped it.
  await assertExactlyDelivered(SITES.rotation.id, accepted);
});

test('corrupt lines among the edge’s go to the dead-letter file, and the stream goes on', async () => {
  const deadLetters = join(shipperState, 'dead-letter.ndjson');
  const deadLettersBefore = existsSync(deadLetters)
    ? readFileSync(deadLetters, 'utf8').split('\n').length - 1
    : 0;
  const corrupt = [
    '{"event_id": "truncated',
    'not json at all',
    JSON.stringify({ ...sampleEventRow({ site_id: SITES.corrupt.id }), event_id: 'not-a-uuid' }),
    JSON.stringify({
      ...sampleEventRow({ site_id: SITES.corrupt.id }),
      injected: 'a field off the contract',
    }),
    '\u0000\u0001 binary \u00ff',
  ];
  const load = new SteadyLoad(edge.url, SITES.corrupt.key, { eventsPerSecond: 3000 });
  let injected = 0;
  for (let i = 0; i < 20; i++) {
    await sleep(200);
    // One write per line, appended like nginx's own writes, so lines never interleave.
    appendFileSync(eventsFile, corrupt[i % corrupt.length] + '\n');
    injected++;
  }
  await sleep(1000);
  const accepted = await load.stop();
  assertNoRefusals(load);
  await assertExactlyDelivered(SITES.corrupt.id, accepted);
  await waitUntil(
    'the dead letters',
    async () => readFileSync(deadLetters, 'utf8').split('\n').length - 1 - deadLettersBefore >= injected,
  );
  const letters = readFileSync(deadLetters, 'utf8').split('\n').filter(Boolean).slice(deadLettersBefore);
  assert.equal(letters.length, injected);
  for (const letter of letters) {
    const { reason, file, offset, line } = JSON.parse(letter);
    assert.ok(
      reason && file.startsWith(eventsDir) && Number.isInteger(offset) && typeof line === 'string',
      letter,
    );
  }
});
