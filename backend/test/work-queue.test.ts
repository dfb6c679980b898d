import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as settled } from 'node:timers/promises';
import { WorkQueue, type TurnOptions } from '../src/common/work-queue.js';

test('at most `concurrency` tasks run and `maxWaiting` wait, in order; more are refused at once', async () => {
  const queue = new WorkQueue(2, 2, () => new Error('the queue is full'));
  const started: number[] = [];
  const finish = new Map<number, (fails?: boolean) => void>();
  const task = (n: number) =>
    queue.run(() => {
      started.push(n);
      return new Promise<number>((resolve, reject) =>
        finish.set(n, (fails) => (fails ? reject(new Error(`task ${n} failed`)) : resolve(n))),
      );
    });
  const running = [task(1), task(2), task(3), task(4)];
  await assert.rejects(task(5), /the queue is full/);
  await settled();
  assert.deepEqual(started, [1, 2], 'two run, two wait');

  finish.get(1)!();
  assert.equal(await running[0], 1);
  await settled();
  assert.deepEqual(started, [1, 2, 3], 'the first waiting one takes the place');
  const sixth = task(6);
  await assert.rejects(task(7), /the queue is full/, 'one place in the queue freed, and taken');

  finish.get(2)!(true);
  await assert.rejects(running[1], /task 2 failed/);
  await settled();
  assert.deepEqual(started, [1, 2, 3, 4], 'a failed task gives its place up too');
  for (const n of [3, 4]) finish.get(n)!();
  await settled();
  finish.get(6)!();
  assert.deepEqual(await Promise.all([running[2], running[3], sixth]), [3, 4, 6]);
  const eighth = task(8);
  await settled();
  assert.equal(started.at(-1), 8, 'all places free again: the next task runs at once');
  finish.get(8)!();
  assert.equal(await eighth, 8);
});

test('waiting tasks run by priority, then by when their work began; one whose signal aborts leaves unrun', async () => {
  const queue = new WorkQueue(1, 10, () => new Error('the queue is full'));
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const task = (name: string, options: TurnOptions = {}) =>
    queue.run(() => {
      started.push(name);
      return new Promise<void>((resolve) => finish.set(name, resolve));
    }, options);
  const first = task('first');
  const gone = new AbortController();
  const waiting = [
    task('report, begun at 20', { priority: 2, order: 20 }),
    task('report, left', { priority: 2, order: 5, signal: gone.signal }),
    task('lead', { priority: 1, order: 30 }),
    task('report, begun at 10', { priority: 2, order: 10 }),
    task('report, begun at 20 too', { priority: 2, order: 20 }),
  ];
  gone.abort(new Error('the caller left'));
  await assert.rejects(waiting[1], /the caller left/);
  await assert.rejects(
    task('never', { signal: gone.signal }),
    /the caller left/,
    'aborted before: not queued',
  );

  const order = ['first', 'lead', 'report, begun at 10', 'report, begun at 20', 'report, begun at 20 too'];
  for (const name of order) {
    await settled();
    assert.equal(started.at(-1), name);
    finish.get(name)!();
  }
  await Promise.all([first, waiting[0], waiting[2], waiting[3], waiting[4]]);
  assert.deepEqual(started, order, 'the task that left never ran');
});
