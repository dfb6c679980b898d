import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedRuns } from '../src/clickhouse/shared-runs.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run the test ends when it chooses, and what it was told. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  const told: { stop?: AbortSignal } = {};
  const start = (stop: AbortSignal) => ((told.stop = stop), promise);
  return { promise, resolve, reject, start, told };
}

test('a run in flight is joined by the same key, not by another, and forgotten once it settles', async () => {
  const runs = new SharedRuns<string>(0);
  const first = pending<string>();
  let started = 0;
  const counted = (start: (stop: AbortSignal) => Promise<string>) => (stop: AbortSignal) => (
    started++,
    start(stop)
  );
  const a = runs.join('q', counted(first.start));
  const b = runs.join(
    'q',
    counted(() => Promise.resolve('never asked')),
  );
  const other = runs.join(
    'other',
    counted(() => Promise.resolve('other answer')),
  );
  assert.deepEqual([a.joined, b.joined, other.joined], [false, true, false]);
  assert.equal(started, 2, 'one run per key');
  first.resolve('answer');
  assert.deepEqual(await Promise.all([a.answer, b.answer, other.answer]), [
    'answer',
    'answer',
    'other answer',
  ]);

  const again = runs.join('q', () => Promise.resolve('a new answer'));
  assert.equal(again.joined, false, 'a finished run answers no one who asks after it');
  assert.equal(await again.answer, 'a new answer');
});

test('a failed run fails every caller who joined it, and the next caller runs again', async () => {
  const runs = new SharedRuns<string>(0);
  const failing = pending<string>();
  const a = runs.join('q', failing.start);
  const b = runs.join('q', () => Promise.resolve('never asked'));
  failing.reject(new Error('busy'));
  await assert.rejects(a.answer, /busy/);
  await assert.rejects(b.answer, /busy/);
  const retry = runs.join('q', () => Promise.resolve('answered'));
  assert.deepEqual([retry.joined, await retry.answer], [false, 'answered']);
});

test('a caller who leaves stops waiting; the run is stopped when the last one has left, not before', async () => {
  const runs = new SharedRuns<string>(0);
  const run = pending<string>();
  const [first, second] = [new AbortController(), new AbortController()];
  const a = runs.join('q', run.start, first.signal);
  const b = runs.join('q', () => Promise.resolve('never asked'), second.signal);
  first.abort(new Error('first left'));
  await assert.rejects(a.answer, /first left/);
  assert.equal(run.told.stop?.aborted, false, 'one caller still waits');
  second.abort(new Error('second left'));
  await assert.rejects(b.answer, /second left/);
  await pause(5);
  assert.equal(run.told.stop?.aborted, true, 'no one waits: told to stop');

  const next = pending<string>();
  const c = runs.join('q', next.start);
  assert.equal(c.joined, false, 'a run told to stop is joined by no one');
  next.resolve('its own answer');
  run.reject(new Error('stopped'));
  assert.equal(await c.answer, 'its own answer');
});

test('a caller without a signal keeps its run going; one whose signal aborted before asking starts nothing', async () => {
  const runs = new SharedRuns<string>(0);
  const run = pending<string>();
  const leaving = new AbortController();
  const stays = runs.join('q', run.start);
  const leaves = runs.join('q', () => Promise.resolve('never asked'), leaving.signal);
  leaving.abort(new Error('left'));
  await assert.rejects(leaves.answer, /left/);
  assert.equal(run.told.stop?.aborted, false, 'the caller without a signal still waits');
  run.resolve('answer');
  assert.equal(await stays.answer, 'answer');

  const gone = new AbortController();
  gone.abort(new Error('gone before asking'));
  let started = false;
  const late = runs.join('q', () => ((started = true), Promise.resolve('x')), gone.signal);
  await assert.rejects(late.answer, /gone before asking/);
  assert.equal(started, false);
});

test('a run left by every caller goes on for the grace, and one who asks again in it joins the run', async () => {
  // Timers fire in the order they are due, so each pause ends before or after a grace as it reads, however
  // slow the machine.
  const runs = new SharedRuns<string>(200);
  const run = pending<string>();
  const [first, again] = [new AbortController(), new AbortController()];
  const a = runs.join('q', run.start, first.signal);
  first.abort(new Error('reloaded'));
  await assert.rejects(a.answer, /reloaded/);
  await pause(20);
  const b = runs.join('q', () => Promise.resolve('never asked'), again.signal);
  assert.equal(b.joined, true, 'asked again within the grace: the same run');
  await pause(300);
  assert.equal(run.told.stop?.aborted, false, 'waited for again: not stopped when the first grace ended');
  again.abort(new Error('gone for good'));
  await assert.rejects(b.answer, /gone for good/);
  assert.equal(run.told.stop?.aborted, false, 'not before the grace of the last leave');
  await pause(300);
  assert.equal(run.told.stop?.aborted, true, 'stopped once its grace ended with no one back');
});
