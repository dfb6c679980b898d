import assert from 'node:assert/strict';
import { test } from 'vitest';
import { describeFlag, ruleValues, variantsProblem } from '../src/flags/flags-data.js';

test('a flag is described by its rollout, variants and rules', () => {
  assert.equal(describeFlag({ rollout: 100, variants: [], rules: [] }), '100% of visitors');
  assert.equal(
    describeFlag({
      rollout: 50,
      variants: [
        { key: 'control', weight: 50 },
        { key: 'one-step', weight: 50 },
      ],
      rules: [
        { attribute: 'path', operator: 'in', values: ['/checkout*', '/cart'] },
        { attribute: 'country', operator: 'not_in', values: ['US'] },
      ],
    }),
    '50% of visitors · control 50% / one-step 50% · Page path is /checkout*, /cart · Country is not US',
  );
});

test('variants are none, or two or more with keys of their own and weights summing to 100', () => {
  assert.equal(variantsProblem([]), undefined);
  assert.equal(
    variantsProblem([{ key: 'a', weight: 100 }]),
    'A flag has no variants (on/off) or at least two.',
  );
  assert.equal(
    variantsProblem([
      { key: 'a', weight: 50 },
      { key: 'a', weight: 50 },
    ]),
    'Each variant needs a key of its own.',
  );
  assert.equal(
    variantsProblem([
      { key: 'a', weight: 60 },
      { key: 'b', weight: 30 },
    ]),
    'The weights add up to 90%, not 100%.',
  );
  assert.equal(
    variantsProblem([
      { key: 'a', weight: 20 },
      { key: 'b', weight: 80 },
    ]),
    undefined,
  );
});

test('rule values are the comma-separated entries, trimmed, blanks left out', () => {
  assert.deepEqual(ruleValues(' /pricing* , /docs/*/api,, '), ['/pricing*', '/docs/*/api']);
  assert.deepEqual(ruleValues(''), []);
});
