import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ThreadShare } from '../src/clickhouse/thread-share.js';

test("each running query takes its share of the server's threads, as modern servers and 18.16 report them", () => {
  const share = new ThreadShare();
  const unknown = share.claim();
  assert.deepEqual(unknown.settings, {}, "the server's own setting until its count is read");
  unknown.release();

  share.setServerThreads('auto(8)');
  const claims = [1, 2, 3, 4, 5].map(() => share.claim());
  assert.deepEqual(
    claims.map(({ settings }) => settings.max_threads),
    [8, 4, 2, 2, 1],
  );
  claims[4].release();
  claims[4].release();
  const fifth = share.claim();
  assert.equal(fifth.settings.max_threads, 1, 'released twice, counted once: five run again');
  for (const claim of [...claims, fifth]) claim.release();

  share.setServerThreads('16');
  assert.equal(share.claim().settings.max_threads, 16, 'alone once the others ended');
});
