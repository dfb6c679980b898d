import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateFlag, flagBuckets, pathMatches, type FlagContext, type PublishedFlag } from '../src';

/** The vectors the edge's Lua evaluation is checked against too (edge/spec/flags_spec.lua). */
const vectors = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'flag-vectors.json'), 'utf8')) as {
  buckets: { flag: string; id: string; rollout: number; variant: number }[];
  context: FlagContext;
  evaluations: { flag: PublishedFlag; id: string; value: boolean | string }[];
  paths: { pattern: string; path: string; matches: boolean }[];
};

test('the TypeScript evaluation gives the answers the edge gives (shared vectors)', () => {
  assert.deepEqual(
    vectors.buckets.map(({ flag, id }) => ({ flag, id, ...flagBuckets(flag, id) })),
    vectors.buckets.map(({ flag, id, rollout, variant }) => ({ flag, id, rollout, variant })),
  );
  assert.deepEqual(
    vectors.evaluations.map(({ flag, id }) => [flag.key, id, evaluateFlag(flag, vectors.context, id)]),
    vectors.evaluations.map(({ flag, id, value }) => [flag.key, id, value]),
  );
  assert.deepEqual(
    vectors.paths.map(({ pattern, path }) => [pattern, path, pathMatches(pattern, path)]),
    vectors.paths.map(({ pattern, path, matches }) => [pattern, path, matches]),
  );
});
