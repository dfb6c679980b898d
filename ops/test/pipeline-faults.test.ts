/**
 * The pipeline's promise under faults, with every part real: beacons → the edge (nginx) → NDJSON →
 * the shipper → ClickHouse, the shipper reaching ClickHouse through the fault proxy. Each test has a
 * site of its own and ends the same way (settle): a marker beacon after the load shows that the edge
 * has written all it accepted (one worker writes in the order it answers), and the shipper's
 * checkpoint at the end of every file shows that all of it is in ClickHouse. Then the site's NDJSON
 * lines are exactly the events the edge answered 204 for, ClickHouse's raw rows after OPTIMIZE …
 * FINAL are exactly as many, and neither holds a visitor's address.
 */
import assert from 'node:assert/strict';
import {
  appendFileSync,
  statSync,
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rowProblems, sampleEventRow, type EventRow, type SiteEntry } from '@sluice/config';
import { startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { startShipperProcess } from '@sluice/pipeline';
import {
  ClickHouseHarness,
  startClickHouseFaultProxy,
  type ClickHouseFaultProxy,
  type ProxiedInsert,
} from '@sluice/pipeline/testing';
import { freePort, waitUntil, type ManagedProcess } from '@sluice/services';
import { SteadyLoad } from './steady-load';

const dir = mkdtempSync(join(tmpdir(), 'sluice-faults-'));
// nginx's workers run as an unprivileged user: after a rotation they open the new NDJSON file here.
chmodSync(dir, 0o755);
const eventsDir = join(dir, 'events');
const eventsFile = join(eventsDir, 'events.ndjson'); // where startLoopbackEdge writes
/**
 * A second link to each file the tests rename: the shipper deletes a renamed file once it has shipped it,
 * and the edge's lines must still be counted afterwards (the link shares the file, later writes included).
 */
const keptDir = join(dir, 'kept');
mkdirSync(keptDir);
const shipperState = join(dir, 'shipper');
const shipperLog = join(dir, 'shipper.log');
const site = (id: number): SiteEntry => ({
  id,
  key: `fault-site-${id}`,
  name: `site${id}.test`,
  domain: `site${id}.test`,
  timezone: 'UTC',
});
const SITES = { kill: site(1), outage: site(2), rotation: site(3), corrupt: site(4) };

const clickhouse = new ClickHouseHarness();
let proxy: ClickHouseFaultProxy;
let edge: RunningEdge;
let shipper: { process: ManagedProcess; port: number };

async function startShipper(crashBeforeCheckpoint?: number) {
  const port = await freePort();
  const process = startShipperProcess({
    inputDir: eventsDir,
    stateDir: shipperState,
    logFile: shipperLog,
    clickhouse: { ...clickhouse.target('ingest'), url: proxy.url },
    // Under load a batch a fifth of a second: ClickHouse makes a part per insert, and with merges
    // stopped (the kill test) it refuses inserts past 300 parts in a month.
    batchMaxWaitMs: 200,
    metricsPort: port,
    crashBeforeCheckpoint,
  });
  return { process, port };
}

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
  proxy = await startClickHouseFaultProxy(clickhouse.server.url);
  // Lines are written 20 ms after the edge accepts them rather than a second: settling is quick.
  edge = await startLoopbackEdge(dir, Object.values(SITES), { eventsFlushMs: 20 });
  shipper = await startShipper();
});

after(async () => {
  await shipper?.process.stop();
  await edge?.stop();
  await proxy?.stop();
  await clickhouse.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file the edge has written to, once each (by inode), oldest first and the live one last. */
function edgeFiles(): string[] {
  const seen = new Set<number>();
  return [keptDir, eventsDir]
    .flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => name.includes('.ndjson'))
        .map((name) => join(folder, name)),
    )
    .filter((path) => {
      const inode = statSync(path, { throwIfNoEntry: false })?.ino;
      if (inode === undefined || seen.has(inode)) return false;
      seen.add(inode);
      return true;
    })
    .sort((a, b) => (a === eventsFile ? 1 : b === eventsFile ? -1 : basename(a).localeCompare(basename(b))));
}

/**
 * Every row the edge has written so far, oldest file first (the live one last). A line that is not a
 * contract row is none of the edge's: the corrupt test writes some.
 */
function writtenRows(): EventRow[] {
  const files = edgeFiles();
  return files.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .flatMap((line) => {
        try {
          const row = JSON.parse(line) as EventRow;
          return rowProblems(row).length === 0 ? [row] : [];
        } catch {
          return [];
        }
      });
  });
}

/** The shipper's Prometheus metrics by name (none while it starts). */
async function shipperMetrics(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${shipper.port}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^(sluice_shipper_[a-z_]+) (\S+)$/gm)].map(([, name, value]) => [name, Number(value)]),
  );
}

/**
 * Waits until everything the edge accepted for `target` is written and shipped: a marker beacon sent
 * after the load is in the NDJSON (so is all before it), then the shipper's checkpoint is at the end
 * of every file (lag 0). Returns the marker's name.
 */
async function settle(target: SiteEntry): Promise<string> {
  const marker = `marker-${target.id}`;
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    body: JSON.stringify({ s: target.key, e: [{ n: marker, u: `https://${target.domain}/` }] }),
  });
  assert.equal(response.status, 204, await response.text());
  await waitUntil('the marker written', async () => writtenRows().some((row) => row.name === marker), {
    timeoutMs: 10_000,
  });
  // A shipper that died is named with its log's last lines, not waited for.
  await waitUntil('every line shipped', async () => (await shipperMetrics()).sluice_shipper_lag_bytes === 0, {
    timeoutMs: 90_000,
    process: shipper.process,
  });
  return marker;
}

/** Addresses of `addresses` that `text` holds, as whole IPv4 addresses (the load's visitors). */
const addressesIn = (text: string, addresses: Set<string>) =>
  [...new Set(text.match(/(?<![\d.])\d{1,3}(\.\d{1,3}){3}(?![\d.])/g) ?? [])].filter((found) =>
    addresses.has(found),
  );

/**
 * After settle: the site's NDJSON lines are exactly the accepted events (and the marker), each once;
 * after ClickHouse merged its parts, its raw rows are exactly as many; no line or row holds an
 * address the load named.
 */
async function assertExactlyDelivered(target: SiteEntry, load: SteadyLoad, marker: string): Promise<void> {
  assert.deepEqual(load.refusals.slice(0, 5), [], `${load.refusals.length} beacons were refused`);
  const rows = writtenRows().filter((row) => row.site_id === target.id);
  assert.deepEqual(rows.filter((row) => row.name === marker).length, 1, 'the marker, once');
  assert.equal(rows.length - 1, load.accepted, 'one line per accepted event');
  assert.equal(new Set(rows.map((row) => row.event_id)).size, rows.length, 'each event once');
  await clickhouse.mergeEvents();
  assert.equal(await clickhouse.rawRows(target.id), load.accepted + 1, 'every event (and the marker) once');
  const stored = await clickhouse.admin.query({
    query: `SELECT * FROM sluice.events WHERE site_id = ${target.id}`,
    format: 'JSONEachRow',
  });
  const written = edgeFiles()
    .map((path) => readFileSync(path, 'utf8'))
    .join('');
  assert.deepEqual(addressesIn(written, load.addresses), [], 'no NDJSON line holds an address');
  assert.deepEqual(addressesIn(await stored.text(), load.addresses), [], 'no ClickHouse row does');
}

/** The site's rows in `inserts` (the edge writes `"site_id":N,` exactly so). */
const rowsOf = (target: SiteEntry, inserts: readonly ProxiedInsert[]) =>
  inserts.flatMap(({ lines }) => lines.filter((line) => line.includes(`"site_id":${target.id},`)));

/** Where the checkpoint has the live NDJSON file, which it knows by inode (and first line), not by name. */
function checkpointOffset(): number {
  const { files } = JSON.parse(readFileSync(join(shipperState, 'checkpoint.json'), 'utf8')) as {
    files: Record<string, { offset: number }>;
  };
  const inode = `${statSync(eventsFile).ino}:`;
  return Object.entries(files).find(([id]) => id.startsWith(inode))?.[1].offset ?? 0;
}

/** Waits until ClickHouse has answered every insert the proxy passed on. */
const insertsAnswered = () =>
  waitUntil('ClickHouse to answer every insert', async () =>
    proxy.inserts().every(({ status }) => status !== undefined),
  );

test('the shipper killed while ClickHouse has stored a batch it has not acknowledged, then crashed right before a checkpoint write: nothing lost, each re-sent from its checkpoint once', async () => {
  const target = SITES.kill;
  const load = new SteadyLoad(edge.url, target.key, { eventsPerSecond: 3000 });
  let marker: string;
  await clickhouse.admin.command({ query: 'SYSTEM STOP MERGES' });
  try {
    await waitUntil('a few batches shipped', async () => rowsOf(target, proxy.inserts()).length >= 3000);
    // The next insert's acknowledgement is held; the one after it goes and is acknowledged, then the
    // shipper waits: no checkpoint may pass the held batch.
    const held = proxy.inserts().length;
    proxy.plan(['hold-acknowledgement']);
    await waitUntil(
      'the held batch and the next stored',
      async () =>
        proxy
          .inserts()
          .slice(held, held + 2)
          .filter(({ status }) => status === 200).length === 2,
    );
    const heldAt = readFileSync(eventsFile).indexOf(`${proxy.inserts()[held].lines[0]}\n`);
    await waitUntil('the batches before it checkpointed', async () => checkpointOffset() >= heldAt);
    shipper.process.kill('SIGKILL');
    assert.equal(await shipper.process.waitForExit(), null, 'killed');
    await insertsAnswered();
    assert.equal(checkpointOffset(), heldAt, 'at the batch never acknowledged');
    const killedAt = proxy.inserts().length;

    // The failpoint: the next shipper crashes once ClickHouse acknowledged its first batch.
    shipper = await startShipper(1);
    assert.equal(await shipper.process.waitForExit(), null, 'crashed by the failpoint');
    await insertsAnswered();
    assert.equal(checkpointOffset(), heldAt, 'the crash came before the write');
    const crashedAt = proxy.inserts().length;

    shipper = await startShipper();
    await waitUntil('the load shipped past the restart', async () =>
      proxy
        .inserts()
        .slice(crashedAt)
        .some(({ status }) => status === 200),
    );
    await load.stop();
    marker = await settle(target);
    // Stored twice or more: what the killed shipper stored past its checkpoint, and all the crashed
    // one stored (its checkpoint never moved); the last shipper sent all of it again, once.
    const stored = (from: number, to: number) =>
      proxy
        .inserts()
        .slice(from, to)
        .filter(({ status }) => status === 200);
    const copies = rowsOf(target, [...stored(held, killedAt), ...stored(killedAt, crashedAt)]).length;
    assert.ok(copies > 0, 'the faults came while this site was shipped');
    assert.equal(await clickhouse.rawRows(target.id), load.accepted + 1 + copies);
  } finally {
    await load.stop();
    await clickhouse.admin.command({ query: 'SYSTEM START MERGES' });
    if (!shipper.process.running) shipper = await startShipper();
  }
  await assertExactlyDelivered(target, load, marker);
});

test('ClickHouse killed under load: the edge keeps accepting, the shipper retries until it is back, and every event lands once', async () => {
  const target = SITES.outage;
  const load = new SteadyLoad(edge.url, target.key, { eventsPerSecond: 2000 });
  let marker: string;
  try {
    await waitUntil('a few batches shipped', async () => rowsOf(target, proxy.inserts()).length >= 2000);
    const failures = (await shipperMetrics()).sluice_shipper_insert_failures_total;
    clickhouse.server.process.kill('SIGKILL');
    await clickhouse.server.process.waitForExit();
    try {
      const acceptedBefore = load.accepted;
      // Three failed inserts: the shipper has backed off and tried again twice meanwhile.
      await waitUntil(
        'three failed inserts',
        async () => (await shipperMetrics()).sluice_shipper_insert_failures_total >= failures + 3,
      );
      assert.ok(load.accepted > acceptedBefore, 'the edge accepted events while ClickHouse was down');
    } finally {
      await clickhouse.start();
    }
    await load.stop();
    marker = await settle(target);
  } finally {
    await load.stop();
  }
  await assertExactlyDelivered(target, load, marker);
  assert.match(readFileSync(shipperLog, 'utf8'), /ClickHouse insert of \d+ rows failed .*retrying in \d+ ms/);
});

test('log rotation under load (rename, then nginx -s reopen) loses nothing', async () => {
  const target = SITES.rotation;
  const load = new SteadyLoad(edge.url, target.key, { eventsPerSecond: 3000 });
  const rotations = 5;
  let marker: string;
  try {
    for (let i = 1; i <= rotations; i++) {
      // Each file gets lines of this site before it is renamed.
      await waitUntil('lines in the live file', async () =>
        readFileSync(eventsFile, 'utf8').includes(`"site_id":${target.id},`),
      );
      renameSync(eventsFile, `${eventsFile}.rotated-${i}`);
      linkSync(`${eventsFile}.rotated-${i}`, join(keptDir, `events.ndjson.rotated-${i}`));
      await edge.reopenLogs();
    }
    await load.stop();
    marker = await settle(target);
  } finally {
    await load.stop();
  }
  // The renamed files are counted through their second links: the shipper deletes each once shipped.
  await assertExactlyDelivered(target, load, marker);
});

test('corrupt lines among the edge’s go to the dead-letter file, and the stream goes on', async () => {
  const target = SITES.corrupt;
  const deadLetters = join(shipperState, 'dead-letter.ndjson');
  const lettersBefore = existsSync(deadLetters)
    ? readFileSync(deadLetters, 'utf8').split('\n').length - 1
    : 0;
  const corrupt = [
    '{"event_id": "truncated',
    'not json at all',
    JSON.stringify({ ...sampleEventRow({ site_id: target.id }), event_id: 'not-a-uuid' }),
    JSON.stringify({ ...sampleEventRow({ site_id: target.id }), injected: 'a field off the contract' }),
    '\u0000\u0001 binary \u00ff',
  ];
  const injected = Array.from({ length: 20 }, (_, i) => corrupt[i % corrupt.length]);
  const load = new SteadyLoad(edge.url, target.key, { eventsPerSecond: 3000 });
  let marker: string;
  try {
    for (const line of injected) {
      await sleep(50); // among the edge's lines, not all in one place
      // One write per line, appended like nginx's own writes, so lines never interleave.
      appendFileSync(eventsFile, line + '\n');
    }
    await load.stop();
    marker = await settle(target);
  } finally {
    await load.stop();
  }
  await assertExactlyDelivered(target, load, marker);
  // The dead letters are written before the checkpoint moves: settled, they are all there.
  const letters = readFileSync(deadLetters, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(lettersBefore)
    .map((letter) => JSON.parse(letter) as { reason: string; file: string; offset: number; line: string });
  assert.deepEqual(
    letters.map(({ line }) => line),
    injected,
  );
  const file = readFileSync(eventsFile);
  for (const { reason, file: path, offset, line } of letters) {
    assert.ok(reason.length > 0, line);
    assert.equal(path, eventsFile);
    assert.equal(file.toString('utf8', offset, offset + Buffer.byteLength(line)), line, 'where the line is');
  }
});
