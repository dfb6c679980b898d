/**
 * What the shipper keeps on disk, as a real process against a real ClickHouse 18.16: the rotated NDJSON files
 * it has wholly shipped are deleted (never the file the edge writes to, never one not wholly acknowledged),
 * and its dead letters are rotated by size and capped in total, what the cap deletes counted.
 */
import assert from 'node:assert/strict';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { freePort, waitUntil } from '@sluice/services';
import { ROTATED_FILE_GRACE_MS, startShipperProcess, type ShipperProcessOptions } from '../src';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
let run = 0;

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
});
after(() => clickhouse.stop());

/** An input folder and a state folder of their own, and rows with a site id of their own. */
async function stream(options: Partial<ShipperProcessOptions> = {}) {
  const siteId = 1000 + ++run;
  const dir = join(clickhouse.dir, `disk-${siteId}`);
  const input = join(dir, 'events');
  mkdirSync(input, { recursive: true });
  const metricsPort = await freePort();
  const start = () =>
    startShipperProcess({
      inputDir: input,
      stateDir: join(dir, 'shipper'),
      logFile: join(dir, 'shipper.log'),
      clickhouse: { ...clickhouse.target('ingest'), url: clickhouse.server.url },
      batchMaxWaitMs: 100,
      metricsPort,
      ...options,
    });
  return { siteId, input, state: join(dir, 'shipper'), metricsPort, start };
}

const lines = (siteId: number, count: number) =>
  Array.from({ length: count }, () => JSON.stringify(eventRow({ site_id: siteId })) + '\n').join('');

/**
 * Written as if the edge had last written to it longer ago than the grace the shipper leaves a rotated file
 * (its ctime, now, still holds it for the grace from now, as a rename does).
 */
function writeClosedFile(path: string, text: string): void {
  appendFileSync(path, text);
  const past = new Date(Date.now() - 2 * ROTATED_FILE_GRACE_MS);
  utimesSync(path, past, past);
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no ${name} yet`);
  return Number(match[1]);
}

async function waitForEvents(siteId: number, count: number) {
  await waitUntil(`${count} events in ClickHouse`, async () => {
    return (await clickhouse.distinctEventIds(siteId)) >= count;
  });
  return clickhouse.distinctEventIds(siteId);
}

test('a rotated file wholly in ClickHouse is deleted; the file being written and one not wholly shipped are kept', async () => {
  const { siteId, input, metricsPort, start } = await stream();
  const shipped = join(input, 'events.ndjson.20261123T024904.123Z');
  // Its last line has no newline yet: the shipper can never acknowledge it to its end.
  const unfinished = join(input, 'events.ndjson.20261123T024914.123Z');
  const active = join(input, 'events.ndjson');
  writeClosedFile(shipped, lines(siteId, 30));
  writeClosedFile(unfinished, lines(siteId, 20) + JSON.stringify(eventRow({ site_id: siteId })).slice(0, 40));
  writeClosedFile(active, lines(siteId, 10));
  const shipper = start();
  try {
    assert.equal(await waitForEvents(siteId, 60), 60);
    // The scan that deletes the shipped file judges the other two on the same grounds.
    await waitUntil('the shipped file deleted', async () => !existsSync(shipped));
    assert.equal(await metric(metricsPort, 'sluice_shipper_files_deleted_total'), 1);
    assert.ok(existsSync(unfinished), 'a file not wholly acknowledged is kept');
    assert.ok(existsSync(active), 'the file the edge writes to is never deleted');
    assert.equal(await clickhouse.distinctEventIds(siteId), 60);
  } finally {
    await shipper.stop();
  }
});

test("a quiet file rotated now is kept for the grace: the edge's last flush into it, through its open descriptor, is shipped", async () => {
  const { siteId, input, start } = await stream();
  const active = join(input, 'events.ndjson');
  writeClosedFile(active, lines(siteId, 10));
  // The edge's worker holds the file open, as nginx's buffered log does until it reopens after a rotation.
  const edge = openSync(active, 'a');
  const shipper = start();
  try {
    assert.equal(await waitForEvents(siteId, 10), 10);
    // Its last line and its creation both older than the grace: only the rename below is new.
    await setTimeout(ROTATED_FILE_GRACE_MS + 500);
    renameSync(active, join(input, 'events.ndjson.20261123T024904.123Z'));
    // The shipper scans the folder meanwhile and finds the renamed file wholly shipped…
    await setTimeout(1500);
    // …and the worker, reopening its log, flushes what it still buffered into the renamed file.
    writeSync(edge, lines(siteId, 5));
    assert.equal(await waitForEvents(siteId, 15), 15, 'the lines flushed after the rename');
  } finally {
    closeSync(edge);
    await shipper.stop();
  }
});

test('dead letters are rotated by size and capped in total, the oldest deleted and counted', async () => {
  const ROTATE = 2048;
  const MAX = 5 * 1024;
  const { input, state, metricsPort, start } = await stream({
    deadLetterRotateBytes: ROTATE,
    deadLetterMaxBytes: MAX,
  });
  const shipper = start();
  try {
    const ROUNDS = 12;
    const PER_ROUND = 10;
    for (let round = 0; round < ROUNDS; round++) {
      const bad = Array.from({ length: PER_ROUND }, (_, i) => `not json, letter ${round * PER_ROUND + i}\n`);
      appendFileSync(join(input, 'events.ndjson'), bad.join(''));
      await waitUntil(`dead letters of round ${round}`, async () => {
        return (await metric(metricsPort, 'sluice_shipper_dead_letters_total')) === (round + 1) * PER_ROUND;
      });
    }
    const files = readdirSync(state).filter((name) => name.startsWith('dead-letter.ndjson'));
    const closed = files.filter((name) => name !== 'dead-letter.ndjson');
    assert.ok(closed.length >= 1, files.join(', '));
    for (const name of closed) assert.match(name, /^dead-letter\.ndjson\.\d{8}T\d{6}\.\d{3}Z$/);
    const closedBytes = closed.reduce((sum, name) => sum + statSync(join(state, name)).size, 0);
    assert.ok(closedBytes <= MAX, `${closedBytes} bytes of closed dead-letter files`);
    // Oldest first: the closed files by name, then the open one.
    const kept = [...closed.sort(), ...files.filter((name) => name === 'dead-letter.ndjson')].flatMap(
      (name) =>
        readFileSync(join(state, name), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((letter) => Number(/letter (\d+)/.exec(JSON.parse(letter).line)![1])),
    );
    const dropped = await metric(metricsPort, 'sluice_shipper_dead_letters_dropped_total');
    assert.ok(dropped > 0, 'the cap deleted some');
    // Every dead letter is kept or counted as dropped, and the ones kept are the newest, in order.
    const all = ROUNDS * PER_ROUND;
    assert.deepEqual(
      kept,
      Array.from({ length: all - dropped }, (_, i) => dropped + i),
    );
  } finally {
    await shipper.stop();
  }
});
