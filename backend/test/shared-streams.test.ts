import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { FellBehind, SharedStreams } from '../src/clickhouse/shared-streams.js';

/** A stream the test feeds chunk by chunk, and a `start` that counts the times it was asked for. */
function source() {
  const stream = new Readable({ read() {} });
  const started = { count: 0 };
  const start = () => (started.count++, Promise.resolve(stream));
  return { stream, start, started };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('callers of a stream in flight read one source whole, the late ones from its first chunk', async () => {
  const streams = new SharedStreams(1024);
  const csv = source();
  const first = await streams.join('q', csv.start);
  const firstText = text(first.stream);
  csv.stream.push('a,b\n');
  csv.stream.push('1,2\n');
  await turn();
  const late = await streams.join('q', csv.start);
  const other = await streams.join('other', () => Promise.resolve(Readable.from(['x\n'])));
  csv.stream.push('3,4\n');
  csv.stream.push(null);
  assert.deepEqual([first.joined, late.joined, other.joined], [false, true, false]);
  assert.equal(csv.started.count, 1, 'one source for the key');
  assert.deepEqual(
    [await firstText, await text(late.stream), await text(other.stream)],
    ['a,b\n1,2\n3,4\n', 'a,b\n1,2\n3,4\n', 'x\n'],
  );
  const after = source();
  const again = await streams.join('q', after.start);
  assert.equal(again.joined, false, 'an ended stream is joined by no one who asks after it');
  after.stream.push(null);
  assert.equal(await text(again.stream), '');
});

test('a stream longer than what is kept is joined by no one once past it, and still read whole', async () => {
  const streams = new SharedStreams(8);
  const long = source();
  const first = await streams.join('q', long.start);
  const firstText = text(first.stream);
  long.stream.push('12345\n');
  await turn();
  const early = await streams.join('q', long.start);
  long.stream.push('67890\n');
  await turn();
  const own = source();
  const late = await streams.join('q', own.start);
  assert.deepEqual([early.joined, late.joined, own.started.count], [true, false, 1]);
  long.stream.push('end\n');
  long.stream.push(null);
  own.stream.push('its own\n');
  own.stream.push(null);
  assert.equal(await firstText, '12345\n67890\nend\n');
  assert.equal(await text(early.stream), '12345\n67890\nend\n');
  assert.equal(await text(late.stream), 'its own\n');
});

test('the source is destroyed when every reader has gone before its end, not while one reads', async () => {
  const streams = new SharedStreams(1024);
  const csv = source();
  const a = await streams.join('q', csv.start);
  const b = await streams.join('q', csv.start);
  csv.stream.push('a\n');
  a.stream.destroy();
  await turn();
  assert.equal(csv.stream.destroyed, false, 'b still reads');
  b.stream.destroy();
  await turn();
  assert.equal(csv.stream.destroyed, true, 'no reader is left: its query ends');
  const next = source();
  const again = await streams.join('q', next.start);
  assert.deepEqual([again.joined, next.started.count], [false, 1]);
  next.stream.destroy();
});

test('a failure to start fails every caller; a failure mid-stream reaches every reader', async () => {
  const streams = new SharedStreams(1024);
  let fail!: (error: Error) => void;
  const failing = new Promise<Readable>((_resolve, reject) => (fail = reject));
  const a = streams.join('q', () => failing);
  const b = streams.join('q', () => Promise.resolve(Readable.from(['never asked'])));
  fail(new Error('busy'));
  await assert.rejects(a, /busy/);
  await assert.rejects(b, /busy/);

  const csv = source();
  const readers = await Promise.all([streams.join('r', csv.start), streams.join('r', csv.start)]);
  const reads = readers.map(({ stream }) => text(stream));
  csv.stream.push('a\n');
  csv.stream.destroy(new Error('Memory limit exceeded'));
  for (const read of reads) await assert.rejects(read, /Memory limit exceeded/);
});

// Waiting for the stalled reader would hang: the deadline makes that a failure.
test(
  'a lone reader sets the pace; among several, one that stops reading is ended, not waited for',
  { timeout: 10_000 },
  async () => {
    const streams = new SharedStreams(256 * 1024);
    const csv = source();
    const stalled = await streams.join('q', csv.start);
    const chunk = Buffer.alloc(16 * 1024, 'x');
    // Past what a copy holds before it asks its writer to wait (its buffers, 64 KB each side by default).
    for (let i = 0; i < 9; i++) csv.stream.push(chunk);
    await turn();
    assert.equal(csv.stream.isPaused(), true, 'alone and not read: the source waits for it');

    const reader = await streams.join('q', csv.start);
    assert.equal(reader.joined, true);
    const read = text(reader.stream);
    const ended = new Promise<unknown>((resolve) => stalled.stream.once('error', resolve));
    // Past what the stalled copy may hold: 256 KB more than its buffers.
    for (let i = 0; i < 30; i++) csv.stream.push(chunk);
    csv.stream.push(null);
    assert.equal(
      (await read).length,
      39 * chunk.length,
      'the reader gets everything while the other reads nothing',
    );
    assert.ok((await ended) instanceof FellBehind, 'the reader that stalled is ended');
  },
);
