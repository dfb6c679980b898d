/**
 * The edge's own disk limits, on a real nginx: it closes its NDJSON file by size and age under load without
 * losing or splitting a line, and it refuses beacons (503) rather than let its events folder pass the budget,
 * accepting again once the pipeline has deleted enough. The pipeline is played here by deleting closed files;
 * ops/test/disk-budget.test.ts runs the same with the real shipper and ClickHouse.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { rowProblems } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { EdgeHarness, SITE } from './edge-harness';

const ACTIVE = 'events.ndjson';

/**
 * Every file of the events folder with its size, closed ones first, in the order they were closed. While the edge
 * closes a file, a listing can miss it (renamed after the listing, or not yet reopened): callers that need a settled
 * folder wait for one (an empty events.ndjson, which nothing closes, with nothing being written).
 */
function eventFiles(harness: EdgeHarness) {
  const dir = join(harness.dir, 'events');
  return readdirSync(dir)
    .sort((a, b) => (a === ACTIVE ? 1 : b === ACTIVE ? -1 : a.localeCompare(b)))
    .flatMap((name) => {
      try {
        return [{ name, path: join(dir, name), size: statSync(join(dir, name)).size }];
      } catch {
        return [];
      }
    });
}

/** Whether every line written is in a closed file: what is on disk then stays as it is until the next beacon. */
function settled(harness: EdgeHarness): boolean {
  const active = eventFiles(harness).at(-1);
  return active?.name === ACTIVE && active.size === 0;
}

const folderBytes = (harness: EdgeHarness) => eventFiles(harness).reduce((sum, file) => sum + file.size, 0);

/** The event ids of every line in the folder, in order; fails on a line that is not a whole contract row. */
function writtenIds(harness: EdgeHarness): string[] {
  return eventFiles(harness).flatMap(({ name, path }) => {
    const text = readFileSync(path, 'utf8');
    assert.ok(text === '' || text.endsWith('\n'), `${name} ends in the middle of a line`);
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const row = JSON.parse(line);
        assert.deepEqual(rowProblems(row), [], line);
        return row.event_id as string;
      });
  });
}

/** The edge's metric `name` (with its labels), or 0 while it has none. */
async function metric(harness: EdgeHarness, name: string): Promise<number> {
  const text = await (await fetch(harness.edge.metricsUrl)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** A beacon of `count` pageviews with ids of their own: its status and the ids. */
async function beacon(harness: EdgeHarness, count = 1) {
  const ids = Array.from({ length: count }, () => randomUUID());
  const response = await harness.post({
    s: SITE.key,
    e: ids.map((id) => ({ id, n: 'pageview', u: 'https://shop.test/pricing' })),
  });
  return { response, body: await response.text(), ids };
}

describe('NDJSON rotation', () => {
  let harness: EdgeHarness;
  const ROTATE_BYTES = 16 * 1024;

  before(async () => {
    // Two workers: each flushes its own buffer when the master passes the reopen on.
    harness = await new EdgeHarness().start({
      workerProcesses: 2,
      disk: { rotateBytes: ROTATE_BYTES, rotateSeconds: 1, budgetBytes: 1 << 30 },
      // The load comes from one address.
      rateLimit: { perSecond: 100_000, burst: 100_000 },
    });
  });
  after(() => harness.stop());
  afterEach(() => assert.deepEqual(harness.errorLines(), []));

  test('many beacons during rotations: every line whole, every event exactly once', async () => {
    const ROTATIONS = 5;
    const closedFiles = () => eventFiles(harness).filter(({ name }) => name !== ACTIVE);
    const sent: string[] = [];
    const deadline = Date.now() + 60_000;
    const loops = Array.from({ length: 6 }, async () => {
      while (closedFiles().length < ROTATIONS) {
        if (Date.now() > deadline)
          throw new Error(`${closedFiles().length} files closed in a minute of load`);
        const { response, ids } = await beacon(harness, 3);
        assert.equal(response.status, 204);
        sent.push(...ids);
      }
    });
    await Promise.all(loops);
    // Every accepted event is written once the workers flush (within a second, or at a reopen), and closed by age.
    await waitUntil(
      'every event in a closed file',
      async () => settled(harness) && writtenIds(harness).length >= sent.length,
      { timeoutMs: 10_000 },
    );
    const written = writtenIds(harness);
    assert.equal(written.length, sent.length);
    assert.deepEqual([...written].sort(), [...sent].sort());
    const closed = closedFiles();
    for (const { name } of closed) assert.match(name, /^events\.ndjson\.\d{8}T\d{6}\.\d{3}Z$/);
    await waitUntil('the rotations counted', async () => {
      return (await metric(harness, 'sluice_edge_ndjson_rotations_total')) === closed.length;
    });
  });

  test('a file with a line in it is closed once that line is the rotation age old', async () => {
    await waitUntil('the folder settled', async () => settled(harness));
    const before = eventFiles(harness).length;
    const { response, ids } = await beacon(harness);
    assert.equal(response.status, 204);
    await waitUntil(
      'the quiet file closed',
      async () => settled(harness) && eventFiles(harness).length === before + 1,
    );
    const newest = eventFiles(harness).at(-2)!;
    assert.ok(newest.size < ROTATE_BYTES, 'closed by age, not size');
    assert.deepEqual(
      readFileSync(newest.path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).event_id),
      ids,
    );
  });
});

describe('the disk budget', () => {
  let harness: EdgeHarness;
  // The beacons below fill the folder by about 10 KB a second, a closed file every 2 s or so: the budget
  // leaves room for the edge's margin (3 s of writes) and makes one closed file less than a fifth of it.
  const BUDGET = 160 * 1024;

  before(async () => {
    harness = await new EdgeHarness().start({
      disk: { rotateBytes: 8 * 1024, rotateSeconds: 1, budgetBytes: BUDGET },
    });
  });
  after(() => harness.stop());
  afterEach(() => assert.deepEqual(harness.errorLines(), []));

  /**
   * Waits for the edge to measure the folder as it is now: nothing is written while it refuses, and closing a file
   * keeps the folder's size.
   */
  async function measured(): Promise<number> {
    let bytes = 0;
    await waitUntil('the edge measuring the folder as it is', async () => {
      bytes = folderBytes(harness);
      return (await metric(harness, 'sluice_edge_disk_backlog_bytes')) === bytes;
    });
    return bytes;
  }

  test('refuses beacons with 503 before the events folder passes the budget, and accepts again once emptied', async () => {
    // Paced like many visitors: about 10 KB a second, one event a beacon, until the edge refuses.
    const accepted: string[] = [];
    let refusal: Awaited<ReturnType<typeof beacon>> | undefined;
    const deadline = Date.now() + 60_000;
    while (!refusal) {
      if (Date.now() > deadline) throw new Error(`no refusal after ${accepted.length} events accepted`);
      const answer = await beacon(harness);
      if (answer.response.status === 204) accepted.push(...answer.ids);
      else refusal = answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(refusal.response.status, 503);
    assert.equal(refusal.response.headers.get('retry-after'), '60');
    assert.equal(refusal.response.headers.get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(refusal.body), { error: 'disk_budget' });
    // Whatever was accepted is written and closed, and nothing refused: the folder then stays as it is.
    await waitUntil(
      'every accepted event in a closed file',
      async () => settled(harness) && writtenIds(harness).length >= accepted.length,
    );
    assert.deepEqual(writtenIds(harness), accepted);
    const full = await measured();
    assert.ok(full <= BUDGET, `${full} bytes in the events folder, over the budget of ${BUDGET}`);
    assert.equal(await metric(harness, 'sluice_edge_disk_budget_bytes'), BUDGET);
    assert.equal(await metric(harness, 'sluice_edge_disk_refusing'), 1);

    // The pipeline ships and deletes the oldest closed files, leaving more than four fifths: still refused.
    const closed = eventFiles(harness).filter(({ name }) => name !== ACTIVE);
    let left = full;
    while (left - closed[0].size >= full * 0.8) {
      const oldest = closed.shift()!;
      unlinkSync(oldest.path);
      left -= oldest.size;
    }
    assert.ok(left < full, 'a closed file leaves more than four fifths when deleted');
    await measured();
    assert.equal((await beacon(harness)).response.status, 503);

    // And the rest: the edge accepts again.
    for (const file of closed) unlinkSync(file.path);
    await measured();
    await waitUntil('the edge accepting again', async () => {
      return (await metric(harness, 'sluice_edge_disk_refusing')) === 0;
    });
    const after = await beacon(harness);
    assert.equal(after.response.status, 204);
    await waitUntil('the refusals counted', async () => {
      return (await metric(harness, 'sluice_edge_requests_rejected_total{reason="disk_budget"}')) === 2;
    });
  });
});
