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
import { setTimeout as sleep } from 'node:timers/promises';
import { compactRow } from '@sluice/config';
import { freePort, waitUntil } from '@sluice/services';
import { rollbackMigrations, startShipperProcess } from '../src';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
let run = 0;

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
});
after(() => clickhouse.stop());

/** A fresh input folder and state folder for one test, whose rows carry a site id of their own. */
function freshStream() {
  const siteId = ++run;
  const dir = join(clickhouse.dir, `stream-${siteId}`);
  const input = join(dir, 'events');
  mkdirSync(input, { recursive: true });
  const file = join(input, 'events.ndjson');
  return { siteId, input, state: join(dir, 'shipper'), log: join(dir, 'shipper.log'), file };
}

function startShipper(
  stream: { input: string; state: string; log: string },
  {
    batchMaxEvents = 1000,
    batchMaxWaitMs = 100,
    metricsPort = undefined as number | undefined,
    url = '',
  } = {},
) {
  return startShipperProcess({
    inputDir: stream.input,
    stateDir: stream.state,
    logFile: stream.log,
    clickhouse: { ...clickhouse.target('ingest'), url: url || clickhouse.server.url },
    batchMaxEvents,
    batchMaxWaitMs,
    metricsPort,
  });
}

const lines = (siteId: number, count: number) =>
  Array.from({ length: count }, () => JSON.stringify(eventRow({ site_id: siteId })) + '\n').join('');

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

const deadLettersOf = (stream: { state: string }) =>
  readFileSync(join(stream.state, 'dead-letter.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { reason: string; file: string; offset: number; line: string });

/** Where line `index` of a file made of `lines` starts. */
const offsetOf = (lines: string[], index: number) =>
  lines.slice(0, index).reduce((offset, line) => offset + Buffer.byteLength(line) + 1, 0);

/** Raw rows of a site, copies included (merges are stopped while a test counts them). */
async function rawRows(siteId: number): Promise<number> {
  const [row] = await clickhouse.query<{ n: string }>(
    `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId}`,
  );
  return Number(row.n);
}

async function waitForEvents(siteId: number, count: number, timeoutMs = 30_000) {
  const stored = () => clickhouse.distinctEventIds(siteId);
  await waitUntil(`${count} events in ClickHouse`, async () => (await stored()) >= count, { timeoutMs });
  return stored();
}

test('ships every line, waits for a partial last line, dead-letters what breaks the contract', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 100));
  const shipper = startShipper(stream);
  try {
    assert.equal(await waitForEvents(siteId, 100), 100);
    const partial = JSON.stringify(eventRow({ site_id: siteId, name: 'late' }));
    appendFileSync(stream.file, partial.slice(0, 40));
    await sleep(600);
    assert.equal(await clickhouse.distinctEventIds(siteId), 100, 'half a line is not shipped');
    appendFileSync(stream.file, partial.slice(40) + '\n');
    appendFileSync(
      stream.file,
      '{"not json\n' + JSON.stringify({ ...eventRow(), site_id: 'one' }) + '\n' + lines(siteId, 10),
    );
    assert.equal(await waitForEvents(siteId, 111), 111);
    const [late] = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId} AND name = 'late'`,
    );
    assert.equal(Number(late.n), 1);
    const deadLetterFile = join(stream.state, 'dead-letter.ndjson');
    await waitUntil('dead letters', async () => existsSync(deadLetterFile));
    const deadLetters = readFileSync(deadLetterFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(deadLetters.length, 2);
    assert.match(deadLetters[0].reason, /not JSON/);
    assert.equal(deadLetters[0].line, '{"not json');
    assert.match(deadLetters[1].reason, /site_id: not a UInt32/);
  } finally {
    await shipper.stop();
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
  const shipper = startShipper(stream);
  try {
    assert.equal(await waitForEvents(siteId, 1), 1);
    const [row] = await clickhouse.query<{ referrer: string; referrer_source: string; utm_source: string }>(
      `SELECT referrer, referrer_source, utm_source FROM sluice.events WHERE site_id = ${siteId}`,
    );
    assert.deepEqual(row, { referrer: 'https://old.test/', referrer_source: '', utm_source: '' });
  } finally {
    await shipper.stop();
  }
});

test('kill -9 mid-stream loses nothing: a restart resumes from the checkpoint', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const total = 50_000;
  writeFileSync(stream.file, lines(siteId, total));
  let shipper = startShipper(stream, { batchMaxEvents: 500 });
  await waitUntil('some batches', async () => (await clickhouse.distinctEventIds(siteId)) > 2000, {
    timeoutMs: 30_000,
  });
  shipper.kill('SIGKILL');
  await shipper.waitForExit();
  const before = await clickhouse.distinctEventIds(siteId);
  assert.ok(before < total, 'killed before the end');
  shipper = startShipper(stream, { batchMaxEvents: 5000 });
  try {
    assert.equal(await waitForEvents(siteId, total, 60_000), total);
  } finally {
    await shipper.stop();
  }
});

test('SIGTERM ships the lines already read, saves the checkpoint and exits 0', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 300));
  // Batches that would wait a minute: only the stop can send these rows.
  let shipper = startShipper(stream, { batchMaxEvents: 100_000, batchMaxWaitMs: 60_000 });
  await waitUntil('the shipper to start', async () => readFileSync(stream.log, 'utf8').includes('Shipping'));
  await sleep(500);
  assert.equal(await clickhouse.distinctEventIds(siteId), 0, 'nothing sent before the stop');
  shipper.kill('SIGTERM');
  assert.equal(await shipper.waitForExit(), 0);
  assert.equal(await clickhouse.distinctEventIds(siteId), 300);
  const checkpoint = JSON.parse(readFileSync(join(stream.state, 'checkpoint.json'), 'utf8'));
  assert.deepEqual(
    Object.values(checkpoint.files).map((file) => (file as { offset: number }).offset),
    [statSync(stream.file).size],
  );
  shipper = startShipper(stream);
  try {
    appendFileSync(stream.file, lines(siteId, 1));
    assert.equal(await waitForEvents(siteId, 301), 301);
    const [rows] = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId}`,
    );
    assert.equal(Number(rows.n), 301, 'the restart did not send the flushed rows again');
  } finally {
    await shipper.stop();
  }
});

test('a line longer than the read buffer is dead-lettered instead of stalling the stream', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const before = lines(siteId, 5);
  writeFileSync(stream.file, before + 'x'.repeat(9 << 20) + '\n' + lines(siteId, 5));
  const shipper = startShipper(stream);
  try {
    assert.equal(await waitForEvents(siteId, 10), 10);
    const deadLetterFile = join(stream.state, 'dead-letter.ndjson');
    await waitUntil('dead letters', async () => existsSync(deadLetterFile));
    const [deadLetter] = readFileSync(deadLetterFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.match(deadLetter.reason, /longer than \d+ bytes/);
    assert.equal(deadLetter.offset, Buffer.byteLength(before));
    assert.equal(deadLetter.line, 'x'.repeat(1024), 'the dead letter keeps only the beginning');
  } finally {
    await shipper.stop();
  }
});

test('a file renamed by rotation keeps its position, and the new file is shipped too', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  writeFileSync(stream.file, lines(siteId, 50));
  const shipper = startShipper(stream);
  try {
    await waitForEvents(siteId, 50);
    renameSync(stream.file, `${stream.file}.1`);
    appendFileSync(`${stream.file}.1`, lines(siteId, 5));
    writeFileSync(stream.file, lines(siteId, 20));
    assert.equal(await waitForEvents(siteId, 75), 75);
    const [rows] = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM sluice.events WHERE site_id = ${siteId}`,
    );
    assert.equal(Number(rows.n), 75, 'nothing was shipped twice');
  } finally {
    await shipper.stop();
  }
});

test('ClickHouse down: the shipper backs off, keeps its position, and delivers everything once it is back', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const shipper = startShipper(stream);
  try {
    writeFileSync(stream.file, lines(siteId, 20));
    await waitForEvents(siteId, 20);
    await clickhouse.server.stop();
    appendFileSync(stream.file, lines(siteId, 30));
    await sleep(2000);
    await clickhouse.start();
    assert.equal(await waitForEvents(siteId, 50), 50);
    assert.match(readFileSync(stream.log, 'utf8'), /retrying in \d+ ms/);
  } finally {
    await shipper.stop();
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
  const stuckPort = await freePort();
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const stuckShipper = startShipper(stuck, { metricsPort: stuckPort, url: nobody });
  try {
    await waitUntil(
      'a failed insert',
      async () => (await metricsOf(stuckPort)).sluice_shipper_insert_failures_total > 0,
    );
    const metrics = await metricsOf(stuckPort);
    assert.equal(metrics.sluice_shipper_rows_total, 0);
    assert.equal(metrics.sluice_shipper_acknowledged_through_seconds, 0, 'nothing is acknowledged yet');
    assert.equal(metrics.sluice_shipper_lag_bytes, Buffer.byteLength(body));
    assert.ok(
      metrics.sluice_shipper_lag_seconds >= 119 && metrics.sluice_shipper_lag_seconds < 180,
      String(metrics.sluice_shipper_lag_seconds),
    );
    assert.ok(metrics.sluice_shipper_resident_memory_bytes > 0);
  } finally {
    await stuckShipper.stop();
  }

  const flowing = freshStream();
  writeFileSync(flowing.file, lines(flowing.siteId, 100) + '{"not json\n');
  const port = await freePort();
  const shipper = startShipper(flowing, { metricsPort: port });
  try {
    await waitUntil(
      '100 rows shipped',
      async () =>
        (await metricsOf(port).catch(() => ({}) as Record<string, number>)).sluice_shipper_rows_total === 100,
    );
    const metrics = await metricsOf(port);
    assert.deepEqual(
      [
        metrics.sluice_shipper_dead_letters_total,
        metrics.sluice_shipper_lag_bytes,
        metrics.sluice_shipper_lag_seconds,
        metrics.sluice_shipper_insert_failures_total,
      ],
      [1, 0, 0, 0],
    );
    assert.ok(metrics.sluice_shipper_batches_total >= 1);
    assert.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404);
  } finally {
    await shipper.stop();
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
  const port = await freePort();
  // An edge of contract v6 writing to a schema of v5, which has none of v6's interaction columns.
  await rollbackMigrations({ ...clickhouse.target('admin'), to: 5 });
  const shipper = startShipper(stream, { metricsPort: port });
  try {
    const metrics = await waitForMetrics(
      port,
      'every line shipped or dead-lettered',
      (m) => m.sluice_shipper_lag_bytes === 0,
    );
    assert.equal(await rawRows(siteId), 36);
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
    await shipper.stop();
    await clickhouse.migrate();
  }
});

test('one poisoned row in a batch of 20,000: ClickHouse refuses it, it alone is dead-lettered, every other row lands once', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  // Half of an emoji: valid JSON and a contract string, but ClickHouse can't decode the escape.
  const poisoned = JSON.stringify(eventRow({ site_id: siteId, pathname: '/\ud83d' }));
  const rows = Array.from({ length: 20_000 }, () => JSON.stringify(eventRow({ site_id: siteId })));
  rows[12_345] = poisoned;
  writeFileSync(stream.file, rows.map((row) => row + '\n').join(''));
  await clickhouse.admin.command({ query: 'SYSTEM STOP MERGES' });
  const port = await freePort();
  const shipper = startShipper(stream, { batchMaxEvents: 20_000, batchMaxWaitMs: 5_000, metricsPort: port });
  try {
    const metrics = await waitForMetrics(port, 'the batch shipped', (m) => m.sluice_shipper_lag_bytes === 0);
    assert.equal(await rawRows(siteId), 19_999, 'every other row exactly once');
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
    await shipper.stop();
    await clickhouse.admin.command({ query: 'SYSTEM START MERGES' });
  }
});

test('acknowledged through: once it passes a moment, every line written before that moment is in ClickHouse', async () => {
  const stream = freshStream();
  const { siteId } = stream;
  const port = await freePort();
  const shipper = startShipper(stream, { batchMaxEvents: 100, metricsPort: port });
  try {
    for (let part = 0; part < 10; part++) appendFileSync(stream.file, lines(siteId, 100));
    const written = Date.now() / 1000;
    await waitForMetrics(
      port,
      'the lines acknowledged',
      (m) => m.sluice_shipper_acknowledged_through_seconds >= written,
    );
    assert.equal(await clickhouse.distinctEventIds(siteId), 1000);
  } finally {
    await shipper.stop();
  }
});
