import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil } from '../src/wait';

test('waitUntil returns once the probe holds, polling again while it throws', async () => {
  let calls = 0;
  await waitUntil('the third call', async () => {
    calls += 1;
    assert.ok(calls >= 3, `call ${calls}`);
    return true;
  });
  assert.equal(calls, 3);
});

test("waitUntil's timeout carries the probe's last failure, not a bare timeout", async () => {
  let status = 500;
  const failure = await waitUntil(
    'a 200',
    async () => {
      status += 1;
      assert.equal(status, 200, 'status');
      return true;
    },
    { timeoutMs: 300 },
  ).then(
    () => assert.fail('waitUntil resolved'),
    (error: unknown) => error as Error,
  );
  assert.match(failure.message, /^a 200 did not happen within 0\.3 s; last failure: status/);
  assert.ok(failure.cause instanceof assert.AssertionError);
  assert.equal((failure.cause as assert.AssertionError).actual, status);
});

test('a probe that answers false until the deadline is a plain timeout', async () => {
  await assert.rejects(
    waitUntil('never', async () => false, { timeoutMs: 200 }),
    (error: Error) => error.message === 'never did not happen within 0.2 s' && error.cause === undefined,
  );
});

test('the deadline holds while a test has frozen Date', { timeout: 10_000 }, async (t) => {
  t.mock.timers.enable({ apis: ['Date'] });
  await assert.rejects(
    waitUntil('never', async () => false, { timeoutMs: 200 }),
    /^Error: never did not happen/,
  );
});
