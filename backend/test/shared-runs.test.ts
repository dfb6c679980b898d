import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedRuns } from '../src/clickhouse/shared-runs.js';

/** A run the test ends when it chooses. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

test('a run in flight is joined by the same key, not by another, and forgotten once it settles', async () => {
  const runs = new SharedRuns<string>();
  const first = pending<string>();
  let started = 0;
  const start = (run: Promise<string>) => () => (started++, run);
  const a = runs.join('q', start(first.promise));
  const b = runs.join('q', start(Promise.resolve('never asked')));
  const other = runs.join('other', start(Promise.resolve('other answer')));
  assert.deepEqual([a.joined, b.joined, other.joined], [false, true, false]);
  assert.equal(started, 2, 'one run per key');
  first.resolve('answer');
  assert.deepEqual(await Promise.all([a.run, b.run, other.run]), ['answer', 'answer', 'other answer']);

  const again = runs.join('q', start(Promise.resolve('a new answer')));
  assert.equal(again.joined, false, 'a finished run answers no one who asks after it');
  assert.equal(await again.run, 'a new answer');
});

test('a failed run fails every caller who joined it, and the next caller runs again', async () => {
  const runs = new SharedRuns<string>();
  const failing = pending<string>();
  const a = runs.join('q', () => failing.promise);
  const b = runs.join('q', () => Promise.resolve('never asked'));
  failing.reject(new Error('busy'));
  await assert.rejects(a.run, /busy/);
  await assert.rejects(b.run, /busy/);
  const retry = runs.join('q', () => Promise.resolve('answered'));
  assert.deepEqual([retry.joined, await retry.run], [false, 'answered']);
});
