import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compactRow } from '@sluice/config';
import { freePort, waitUntil, type ManagedProcess } from '@sluice/services';
import { rollbackMigrations, startShipperProcess } from '../src';
import { startClickHouseFaultProxy } from '../src/testing/clickhouse-fault-proxy';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
let run = 0;

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
});
after(() => clickhouse.stop());

type Stream = ReturnType<typeof freshStream>;

/** A fresh input folder and state folder for one test, whose rows carry a site id of their own. */
function freshStream() {
  const siteId = ++run;
  const dir = join(clickhouse.dir, `stream-${siteId}`);
  const input = join(dir, 'events');
  mkdirSync(input, { recursive: true });
  const file = join(input, 'events.ndjson');
  return { siteId, input, state: join(dir, 'shipper'), log: join(dir, 'shipper.log'), file };
}

interface Shipper {
  process: ManagedProcess;
  /** Its Prometheus metrics' port. */
  port: number;
}

async function startShipper(
  stream: Stream,
  {
    batchMaxEvents = 1000,
    batchMaxWaitMs = 20,
    url = '',
    reportEveryMs = undefined as number | undefined,
    crashBeforeCheckpoint = undefined as number | undefined,
  } = {},
): Promise<Shipper> {
  const port = await freePort();
  const process = startShipperProcess({
    inputDir: stream.input,
    stateDir: stream.state,
    logFile: stream.log,
    clickhouse: { ...clickhouse.target('ingest'), url: url || clickhouse.server.url },
    batchMaxEvents,
    batchMaxWaitMs,
    reportEveryMs,
    metricsPort: port,
    crashBeforeCheckpoint,
  });
  return { process, port };
}

/** `count` contract rows of the site, one NDJSON line each (without the newline). */
const rowLines = (siteId: number, count: number) =>
  Array.from({ length: count }, () => JSON.stringify(eventRow({ site_id: siteId })));
const lines = (siteId: number, count: number) =>
  rowLines(siteId, count)
    .map((line) => line + '\n')
    .join('');

/** The shipper's Prometheus metrics by name. */
async function metricsOf(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^(sluice_shipper_[a-z_]+) (\S+)$/gm)].map(([, name, value]) => [name, Number(value)]),
  );
}

/** Waits until the shipper's metrics satisfy `done` (a shipper still starting has none yet). */
async function waitForMetrics(
  port: number,
  what: string,
  done: (metrics: Record<string, number>) => boolean,
) {
  await waitUntil(what, async () => done(await metricsOf(port).catch(() => ({}))), { timeoutMs: 60_000 });
  return metricsOf(port);
}

/**
 * Waits until every line written so far is acknowledged by ClickHouse or dead-lettered: the
 * shipper's checkpoint is at the end of every input file (it moves only after both). What the
 * test counts then is final.
 */
const shippedAll = (shipper: Shipper) =>
  waitForMetrics(
    shipper.port,
    'every line shipped or dead-lettered',
    (m) => m.sluice_shipper_lag_bytes === 0,
  );

/**
 * Waits until the shipper has read its input as it is now. With reportEveryMs 1 it logs its progress
 * after every pass over the files: the second line logged after this call comes from a pass that
 * began after it.
 */
async function readPastNow(stream: Stream): Promise<void> {
  const passes = () => readFileSync(stream.log, 'utf8').match(/\] shipped \d+ rows/g)?.length ?? 0;
  const now = existsSync(stream.log) ? passes() : 0;
  await waitUntil('two passes over the input', async () => existsSync(stream.log) && passes() >= now + 2);
}

const deadLettersOf = (stream: { state: string }) =>
  readFileSync(join(stream.state, 'dead-letter.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { reason: string; file: string; offset: number; line: string });

/** Where line `index` of a file made of `lines` starts. */
const offsetOf = (lines: string[], index: number) =>
  lines.slice(0, index).reduce((offset, line) => offset + Buffer.byteLength(line) + 1, 0);

/** Where the checkpoint has the stream's file. */
const checkpointOf = (stream: Stream) =>
  (
    Object.values(
      JSON.parse(readFileSync(join(stream.state, 'checkpoint.json'), 'utf8')).files as Record<
        string,
        { path: string; offset: number }
      >,
    ).find(({ path }) => path === stream.file) ?? { offset: 0 }
  ).offset;

/** The event ids a site has more than one row of, sorted: at-least-once's copies, before a merge. */
async function copiedIds(siteId: number): Promise<string[]> {
  const rows = await clickhouse.query<{ event_id: string }>(
    `SELECT event_id FROM sluice.events WHERE site_id = ${siteId} GROUP BY event_id HAVING count() > 1`,
  );
  return rows.map((row) => row.event_id).sort();
}
const idsOf = (lines: string[]) =>
  lines.map((line) => (JSON.parse(line) as { event_id: string }).event_id).sort();

/** Runs `run` with ClickHouse's merges stopped, so that the copies at-least-once delivery leaves stay countable. */
async function withMergesStopped(run: () => Promise<void>): Promise<void> {
  await clickhouse.admin.command({ query: 'SYSTEM STOP MERGES' });
  try {
    await run();
  } finally {
    await clickhouse.admin.command({ query: 'SYSTEM START MERGES' });
  }
}

/** Once ClickHouse merged the copies away, the site holds each of its `events` once: nothing lost. */
async function assertEachOnceMerged(siteId: number, events: number): Promise<void> {
  await clickhouse.mergeEvents();
  assert.equal(await clickhouse.rawRows(siteId), events, 'after the merge, every event once');
}

test('ships every line, waits for a partial last line, dead-letters what breaks the contract', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 100));
  const shipper = await startShipper(stream, { reportEveryMs: 1 });
  try {
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 100);
    const partial = JSON.stringify(eventRow({ site_id: siteId, name: 'late' }));
    appendFileSync(stream.file, partial.slice(0, 40));
    // Read while it was half a line: shipped or dead-lettered then, it would not arrive whole below.
    await readPastNow(stream);
    appendFileSync(stream.file, partial.slice(40) + '\n');
    const broken = ['{"not json', JSON.stringify({ ...eventRow(), site_id: 'one' })];
    appendFileSync(stream.file, broken.map((line) => line + '\n').join('') + lines(siteId, 10));
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 111);
    const [late] = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId} AND name = 'late'`,
    );
    assert.equal(Number(late.n), 1);
    const deadLetters = deadLettersOf(stream);
    assert.deepEqual(
      deadLetters.map(({ line }) => line),
      broken,
    );
    assert.match(deadLetters[0].reason, /not JSON/);
    assert.match(deadLetters[1].reason, /site_id: not a UInt32/);
  } finally {
    await shipper.process.stop();
  }
});

test('lines an edge wrote before an upgrade of the contract are shipped, with defaults for newer fields', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const {
    referrer_source: _source,
    utm_source: _utm,
    ...older
  } = eventRow({ site_id: siteId, referrer: 'https://old.test/' });
  writeFileSync(stream.file, JSON.stringify(older) + '\n');
  const shipper = await startShipper(stream);
  try {
    await shippedAll(shipper);
    const rows = await clickhouse.query<{ referrer: string; referrer_source: string; utm_source: string }>(
      `SELECT referrer, referrer_source, utm_source FROM sluice.events WHERE site_id = ${siteId}`,
    );
    assert.deepEqual(rows, [{ referrer: 'https://old.test/', referrer_source: '', utm_source: '' }]);
  } finally {
    await shipper.process.stop();
  }
});

/** Batches of this many rows: each written whole before the shipper starts, so batch n is rows n × BATCH_ROWS on. */
const BATCH_ROWS = 100;

test('killed between ClickHouse storing a batch and acknowledging it: the checkpoint stays before that batch, and the restart sends it once more', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const rows = rowLines(siteId, 3 * BATCH_ROWS);
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  const [first, second, third] = [rows.slice(0, 100), rows.slice(100, 200), rows.slice(200)];
  const proxy = await startClickHouseFaultProxy(clickhouse.server.url);
  proxy.plan(['pass', 'hold-acknowledgement']);
  await withMergesStopped(async () => {
    let shipper = await startShipper(stream, { batchMaxEvents: BATCH_ROWS, url: proxy.url });
    try {
      // The third batch goes while the second waits, and ClickHouse acknowledges it.
      await waitUntil(
        'the second and third batches stored',
        async () => proxy.inserts().every(({ status }) => status === 200) && proxy.inserts().length === 3,
      );
      await waitUntil(
        'the first batch checkpointed',
        async () => checkpointOf(stream) >= offsetOf(rows, 100),
      );
      shipper.process.kill('SIGKILL');
      await shipper.process.waitForExit();
      assert.equal(checkpointOf(stream), offsetOf(rows, 100), 'not past the batch never acknowledged');
      assert.deepEqual(
        proxy.inserts().map((insert) => insert.lines),
        [first, second, third],
      );
      assert.equal(await clickhouse.rawRows(siteId), 300);
      shipper = await startShipper(stream, { batchMaxEvents: BATCH_ROWS });
      await shippedAll(shipper);
      assert.equal(await clickhouse.rawRows(siteId), 500);
      assert.deepEqual(
        await copiedIds(siteId),
        idsOf([...second, ...third]),
        'the batches after the checkpoint, sent again once',
      );
    } finally {
      await shipper.process.stop();
      await proxy.stop();
    }
  });
  await assertEachOnceMerged(siteId, rows.length);
});

test('crashed after ClickHouse acknowledged a batch, right before the checkpoint write: the restart sends that batch once more', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const rows = rowLines(siteId, 2 * BATCH_ROWS);
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  await withMergesStopped(async () => {
    // The failpoint: the shipper kills itself before its second checkpoint write.
    let shipper = await startShipper(stream, { batchMaxEvents: BATCH_ROWS, crashBeforeCheckpoint: 2 });
    try {
      assert.equal(await shipper.process.waitForExit(), null, 'killed by the signal');
      assert.equal(checkpointOf(stream), offsetOf(rows, 100), 'at the first batch');
      assert.equal(await clickhouse.rawRows(siteId), 200, 'both batches stored');
      shipper = await startShipper(stream, { batchMaxEvents: BATCH_ROWS });
      await shippedAll(shipper);
      assert.equal(await clickhouse.rawRows(siteId), 300);
      assert.deepEqual(await copiedIds(siteId), idsOf(rows.slice(100)), 'the second batch, sent again once');
    } finally {
      await shipper.process.stop();
    }
  });
  await assertEachOnceMerged(siteId, rows.length);
});

test('an acknowledgement lost on the way: the shipper sends the batch again until it has one, and moves on', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const rows = rowLines(siteId, 2 * BATCH_ROWS);
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  const proxy = await startClickHouseFaultProxy(clickhouse.server.url);
  proxy.plan(['pass', 'drop-acknowledgement']);
  await withMergesStopped(async () => {
    const shipper = await startShipper(stream, { batchMaxEvents: BATCH_ROWS, url: proxy.url });
    try {
      await shippedAll(shipper);
      assert.deepEqual(
        proxy.inserts().map(({ lines, fault, status }) => [lines, fault, status]),
        [
          [rows.slice(0, 100), undefined, 200],
          [rows.slice(100), 'drop-acknowledgement', 200],
          [rows.slice(100), undefined, 200],
        ],
      );
      assert.equal(checkpointOf(stream), statSync(stream.file).size);
      assert.equal(await clickhouse.rawRows(siteId), 300);
      assert.deepEqual(await copiedIds(siteId), idsOf(rows.slice(100)));
    } finally {
      await shipper.process.stop();
      await proxy.stop();
    }
  });
  await assertEachOnceMerged(siteId, rows.length);
});

test('SIGTERM ships the lines already read, saves the checkpoint and exits 0', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 300));
  // Batches that would wait a minute: only the stop can send these rows.
  let shipper = await startShipper(stream, {
    batchMaxEvents: 100_000,
    batchMaxWaitMs: 60_000,
    reportEveryMs: 1,
  });
  await readPastNow(stream);
  assert.equal(
    (await metricsOf(shipper.port)).sluice_shipper_batches_total,
    0,
    'nothing sent before the stop',
  );
  shipper.process.kill('SIGTERM');
  assert.equal(await shipper.process.waitForExit(), 0);
  assert.equal(await clickhouse.rawRows(siteId), 300);
  assert.equal(checkpointOf(stream), statSync(stream.file).size);
  shipper = await startShipper(stream);
  try {
    appendFileSync(stream.file, lines(siteId, 1));
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 301, 'the restart did not send the flushed rows again');
  } finally {
    await shipper.process.stop();
  }
});

test('a line longer than the read buffer is dead-lettered instead of stalling the stream', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const before = lines(siteId, 5);
  writeFileSync(stream.file, before + 'x'.repeat(9 << 20) + '\n' + lines(siteId, 5));
  const shipper = await startShipper(stream);
  try {
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 10);
    const [deadLetter, ...others] = deadLettersOf(stream);
    assert.equal(others.length, 0);
    assert.match(deadLetter.reason, /longer than \d+ bytes/);
    assert.equal(deadLetter.offset, Buffer.byteLength(before));
    assert.equal(deadLetter.line, 'x'.repeat(1024), 'the dead letter keeps only the beginning');
  } finally {
    await shipper.process.stop();
  }
});

test('a file renamed by rotation keeps its position, and the new file is shipped too', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 50));
  const shipper = await startShipper(stream);
  try {
    await shippedAll(shipper);
    renameSync(stream.file, `${stream.file}.1`);
    appendFileSync(`${stream.file}.1`, lines(siteId, 5));
    writeFileSync(stream.file, lines(siteId, 20));
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 75, 'every line once');
  } finally {
    await shipper.process.stop();
  }
});

test('ClickHouse killed: the shipper backs off, keeps its position, and delivers everything once it is back', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const shipper = await startShipper(stream);
  try {
    writeFileSync(stream.file, lines(siteId, 20));
    await shippedAll(shipper);
    clickhouse.server.process.kill('SIGKILL');
    await clickhouse.server.process.waitForExit();
    try {
      appendFileSync(stream.file, lines(siteId, 30));
      await waitUntil('an insert failed while ClickHouse is gone', async () =>
        /ClickHouse insert of 30 rows failed .*retrying in \d+ ms/.test(readFileSync(stream.log, 'utf8')),
      );
    } finally {
      await clickhouse.start();
    }
    await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 50);
  } finally {
    await shipper.process.stop();
  }
});

test('Prometheus metrics: rows and batches shipped, and lag in bytes and seconds while ClickHouse is unreachable', async () => {
  const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString().slice(0, 19).replace('T', ' ');

  const stuck = freshStream();
  const body = Array.from(
    { length: 20 },
    () => JSON.stringify(eventRow({ site_id: stuck.siteId, ts: twoMinutesAgo })) + '\n',
  ).join('');
  writeFileSync(stuck.file, body);
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const stuckShipper = await startShipper(stuck, { url: nobody });
  try {
    await waitForMetrics(
      stuckShipper.port,
      'a failed insert',
      (m) => m.sluice_shipper_insert_failures_total > 0,
    );
    // The lag is the scrape's moment less the oldest line's edge time: between these two.
    const scrapedFrom = Date.now();
    const metrics = await metricsOf(stuckShipper.port);
    const scrapedTo = Date.now();
    assert.equal(metrics.sluice_shipper_rows_total, 0);
    assert.equal(metrics.sluice_shipper_acknowledged_through_seconds, 0, 'nothing is acknowledged yet');
    assert.equal(metrics.sluice_shipper_lag_bytes, Buffer.byteLength(body));
    const written = Date.parse(`${twoMinutesAgo.replace(' ', 'T')}Z`);
    const lag = metrics.sluice_shipper_lag_seconds;
    assert.ok(lag >= (scrapedFrom - written) / 1000 && lag <= (scrapedTo - written) / 1000, String(lag));
    assert.ok(metrics.sluice_shipper_resident_memory_bytes > 0);
  } finally {
    await stuckShipper.process.stop();
  }

  const flowing = freshStream();
  writeFileSync(flowing.file, lines(flowing.siteId, 100) + '{"not json\n');
  const shipper = await startShipper(flowing);
  try {
    const metrics = await shippedAll(shipper);
    assert.deepEqual(
      [
        metrics.sluice_shipper_rows_total,
        metrics.sluice_shipper_batches_total,
        metrics.sluice_shipper_dead_letters_total,
        metrics.sluice_shipper_lag_bytes,
        metrics.sluice_shipper_lag_seconds,
        metrics.sluice_shipper_insert_failures_total,
      ],
      // The file was whole before the start: one batch.
      [100, 1, 1, 0, 0, 0],
    );
    assert.equal((await fetch(`http://127.0.0.1:${shipper.port}/other`)).status, 404);
  } finally {
    await shipper.process.stop();
  }
});

test("a schema that lags the contract: rows with a column the table lacks are dead-lettered with ClickHouse's reason, the others ship once", async () => {
  const stream = freshStream();
  const { siteId } = stream;
  // As the edge writes them: a field at its default is left out, so only the clicks carry el_tag.
  const rows = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify(
      compactRow(eventRow({ site_id: siteId, ...(i % 10 === 3 && { name: 'click', el_tag: 'button' }) })),
    ),
  );
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  // An edge of contract v6 writing to a schema of v5, which has none of v6's interaction columns.
  await rollbackMigrations({ ...clickhouse.target('admin'), to: 5 });
  const shipper = await startShipper(stream);
  try {
    const metrics = await shippedAll(shipper);
    assert.equal(await clickhouse.rawRows(siteId), 36);
    const clicks = rows.filter((row) => row.includes('"el_tag"'));
    const deadLetters = deadLettersOf(stream);
    assert.deepEqual(
      deadLetters.map(({ line, offset, file }) => ({ line, offset, file })),
      clicks.map((line) => ({ line, offset: offsetOf(rows, rows.indexOf(line)), file: stream.file })),
    );
    for (const { reason } of deadLetters)
      assert.match(reason, /Code: 117.*Unknown field found while parsing JSONEachRow format: el_tag/);
    assert.deepEqual(
      [
        metrics.sluice_shipper_rows_total,
        metrics.sluice_shipper_rows_refused_total,
        metrics.sluice_shipper_dead_letters_total,
      ],
      [36, 4, 4],
    );
  } finally {
    await shipper.process.stop();
    await clickhouse.migrate();
  }
});

test('one poisoned row in a batch of 20,000: ClickHouse refuses it, it alone is dead-lettered, every other row lands once', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  // Half of an emoji: valid JSON and a contract string, but ClickHouse can't decode the escape.
  const poisoned = JSON.stringify(eventRow({ site_id: siteId, pathname: '/\ud83d' }));
  const rows = rowLines(siteId, 20_000);
  rows[12_345] = poisoned;
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  await withMergesStopped(async () => {
    const shipper = await startShipper(stream, { batchMaxEvents: 20_000, batchMaxWaitMs: 5_000 });
    try {
      const metrics = await shippedAll(shipper);
      assert.equal(await clickhouse.rawRows(siteId), 19_999, 'every other row exactly once');
      const [{ n }] = await clickhouse.query<{ n: string }>(
        `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId} AND pathname != '/'`,
      );
      assert.equal(Number(n), 0);
      const [deadLetter, ...others] = deadLettersOf(stream);
      assert.equal(others.length, 0);
      assert.equal(deadLetter.line, poisoned);
      assert.equal(deadLetter.offset, offsetOf(rows, 12_345));
      assert.match(deadLetter.reason, /^ClickHouse refused the row: Code: 25\b.*surrogate/);
      assert.deepEqual(
        [
          metrics.sluice_shipper_rows_total,
          metrics.sluice_shipper_rows_refused_total,
          metrics.sluice_shipper_dead_letters_total,
        ],
        [19_999, 1, 1],
      );
    } finally {
      await shipper.process.stop();
    }
  });
});

test('acknowledged through: once it passes a moment, every line written before that moment is in ClickHouse', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const shipper = await startShipper(stream, { batchMaxEvents: 100 });
  try {
    for (let part = 0; part < 10; part++) appendFileSync(stream.file, lines(siteId, 100));
    const written = Date.now() / 1000;
    await waitForMetrics(
      shipper.port,
      'the lines acknowledged',
      (m) => m.sluice_shipper_acknowledged_through_seconds >= written,
    );
    assert.equal(await clickhouse.rawRows(siteId), 1000);
  } finally {
    await shipper.process.stop();
  }
});
