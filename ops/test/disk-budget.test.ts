/**
 * Bounded disk, no loss, with every part real: beacons → the edge (nginx) → NDJSON files → the shipper →
 * ClickHouse 18.16. ClickHouse goes down; the edge's folder fills to its disk budget and beacons are refused
 * with 503; ClickHouse comes back; the shipper ships and deletes the files, and the edge accepts again. The
 * events folder never holds more than the budget, and ClickHouse ends up with exactly the events the edge
 * accepted, before, during and after, and none it refused. Small sizes make it run in seconds.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { SiteEntry } from '@sluice/config';
import { startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { runMigrations, startShipperProcess } from '@sluice/pipeline';
import {
  freePort,
  startClickHouse,
  waitUntil,
  type ClickHouseOptions,
  type ManagedProcess,
  type RunningClickHouse,
} from '@sluice/services';

const dir = mkdtempSync(join(tmpdir(), 'sluice-disk-'));
// nginx's workers run as an unprivileged user: they close and reopen the NDJSON file in this folder.
chmodSync(dir, 0o755);
const eventsDir = join(dir, 'events');
const ACTIVE = 'events.ndjson';
const BUDGET = 192 * 1024;
const account = (username: string) => ({ username, password: randomBytes(12).toString('hex') });
const credentials = {
  admin: account('sluice_admin'),
  ingest: account('sluice_ingest'),
  reader: account('sluice_reader'),
};
const SITE: SiteEntry = { id: 16, key: 'disk-site', name: 'disk.test', domain: 'disk.test', timezone: 'UTC' };

let clickhouseOptions: ClickHouseOptions;
let clickhouse: RunningClickHouse;
let admin: ClickHouseClient;
let edge: RunningEdge;
let shipper: ManagedProcess;

before(async () => {
  clickhouseOptions = {
    dir: join(dir, 'clickhouse'),
    httpPort: await freePort(),
    tcpPort: await freePort(),
    database: 'sluice',
    credentials,
  };
  clickhouse = await startClickHouse(clickhouseOptions);
  await runMigrations({ url: clickhouse.url, database: 'sluice', ...credentials.admin });
  admin = createClient({ url: clickhouse.url, ...credentials.admin });
  edge = await startLoopbackEdge(dir, [SITE], {
    disk: { rotateBytes: 16 * 1024, rotateSeconds: 1, budgetBytes: BUDGET },
    // Every beacon comes from this one address.
    rateLimit: { perSecond: 10_000, burst: 10_000 },
  });
  shipper = startShipperProcess({
    inputDir: eventsDir,
    stateDir: join(dir, 'shipper'),
    logFile: join(dir, 'shipper.log'),
    clickhouse: { url: clickhouse.url, database: 'sluice', ...credentials.ingest },
    batchMaxWaitMs: 200,
  });
});

after(async () => {
  await shipper?.stop();
  await edge?.stop();
  await admin?.close();
  await clickhouse?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The events folder's files and their sizes, sampled every 50 ms: the most it held, and every name seen. */
class FolderWatch {
  most = 0;
  readonly names = new Set<string>();
  private readonly timer = setInterval(() => this.sample(), 50);

  sample(): { name: string; size: number }[] {
    const files = readdirSync(eventsDir).flatMap((name) => {
      try {
        return [{ name, size: statSync(join(eventsDir, name)).size }];
      } catch {
        // Deleted by the shipper between the listing and now.
        return [];
      }
    });
    for (const { name } of files) this.names.add(name);
    this.most = Math.max(
      this.most,
      files.reduce((sum, file) => sum + file.size, 0),
    );
    return files;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Every event id sent, by the edge's answer: 204 accepted, 503 refused for the disk budget. */
const sent = { accepted: [] as string[], refused: [] as string[] };

/** One beacon of two pageviews; any answer but 204 or the disk budget's 503 fails the test. */
async function beacon(): Promise<number> {
  const ids = [randomUUID(), randomUUID()];
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    body: JSON.stringify({
      s: SITE.key,
      e: ids.map((id) => ({ id, n: 'pageview', u: 'https://disk.test/a' })),
    }),
  });
  const body = await response.text();
  if (response.status === 204) {
    sent.accepted.push(...ids);
  } else {
    assert.equal(response.status, 503, body);
    assert.equal(response.headers.get('retry-after'), '60');
    assert.deepEqual(JSON.parse(body), { error: 'disk_budget' });
    sent.refused.push(...ids);
  }
  return response.status;
}

/** Beacons about every 25 ms (some 18 KB of NDJSON a second) until `done`; fails naming `what` after a minute. */
async function beaconsUntil(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let next = Date.now(); !done(); next += 25) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within a minute of beacons`);
    await beacon();
    await sleep(Math.max(0, next - Date.now()));
  }
}

async function edgeMetric(name: string): Promise<number> {
  const text = await (await fetch(edge.metricsUrl)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

test('ClickHouse down: the edge refuses at its disk budget, and once it is back every accepted event lands once', async () => {
  const folder = new FolderWatch();
  try {
    // Before: everything flows, and shipped files are deleted as they go.
    await beaconsUntil('100 events accepted', () => sent.accepted.length >= 100);
    assert.deepEqual(sent.refused, []);
    await clickhouse.stop();

    // ClickHouse down: the files stay, the folder fills, the edge refuses before the budget.
    const REFUSALS = 20;
    await beaconsUntil(`${REFUSALS} beacons refused`, () => sent.refused.length >= 2 * REFUSALS);
    assert.equal(await edgeMetric('sluice_edge_disk_refusing'), 1);
    assert.equal(await edgeMetric('sluice_edge_disk_budget_bytes'), BUDGET);
    const backlog = await edgeMetric('sluice_edge_disk_backlog_bytes');
    assert.ok(backlog > 0 && backlog <= BUDGET, `a backlog of ${backlog} bytes`);

    // ClickHouse back: the shipper catches up and deletes what it shipped, and the edge accepts again.
    clickhouse = await startClickHouse(clickhouseOptions);
    await waitUntil('the edge accepting again', async () => (await beacon()) === 204, { timeoutMs: 120_000 });
    const refusedBefore = sent.refused.length;
    const acceptedBefore = sent.accepted.length;
    await beaconsUntil('100 more events accepted', () => sent.accepted.length >= acceptedBefore + 100);
    assert.equal(sent.refused.length, refusedBefore, 'every beacon after is accepted');

    // Every file the edge closed is shipped and deleted, and the one it writes to is empty: everything it
    // wrote is in ClickHouse (the shipper deletes a file only once ClickHouse acknowledged all of it).
    await waitUntil(
      'every file shipped and deleted',
      async () => {
        const files = folder.sample();
        return files.length === 1 && files[0].name === ACTIVE && files[0].size === 0;
      },
      { timeoutMs: 60_000 },
    );
  } finally {
    folder.stop();
  }
  const closed = [...folder.names].filter((name) => name !== ACTIVE);
  assert.ok(closed.length > 1, `${closed.length} files closed`);
  assert.ok(
    folder.most <= BUDGET,
    `the events folder held ${folder.most} bytes, over the budget of ${BUDGET}`,
  );

  // Exactly the accepted events, each once (the copies a retried insert may leave are merged away first),
  // and none of the refused.
  await admin.command({ query: 'OPTIMIZE TABLE sluice.events FINAL' });
  const result = await admin.query({
    query: `SELECT toString(event_id) AS id FROM sluice.events WHERE site_id = ${SITE.id}`,
    format: 'JSONEachRow',
  });
  const stored = (await result.json<{ id: string }>()).map((row) => row.id);
  assert.equal(stored.length, sent.accepted.length);
  assert.deepEqual(stored.sort(), [...sent.accepted].sort());

  const refusedBeacons = sent.refused.length / 2;
  await waitUntil('the refusals counted', async () => {
    return (await edgeMetric('sluice_edge_requests_rejected_total{reason="disk_budget"}')) === refusedBeacons;
  });
  assert.equal(await edgeMetric('sluice_edge_disk_refusing'), 0);
  const errors = readFileSync(edge.errorLog, 'utf8')
    .split('\n')
    .filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
  assert.deepEqual(errors, []);
});
