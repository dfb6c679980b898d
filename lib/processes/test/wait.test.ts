import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManagedProcess } from '../src/managed-process';
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

test('a process that dies while waited for fails at once, with the end of its log in the message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-wait-'));
  const child = new ManagedProcess({
    name: 'crasher',
    command: process.execPath,
    args: ['-e', 'console.log("starting"); console.error("listen EADDRINUSE: port 1234"); process.exit(3)'],
    logFile: join(dir, 'crasher.log'),
  });
  const started = performance.now();
  await assert.rejects(
    waitUntil('the crasher', async () => false, { process: child, timeoutMs: 20_000 }),
    (error: Error) =>
      error.message ===
      `the crasher exited during start; see ${join(dir, 'crasher.log')}, which ends:\nstarting\nlisten EADDRINUSE: port 1234`,
  );
  assert.ok(performance.now() - started < 20_000, 'failed before the deadline');
  assert.equal(await child.waitForExit(), 3);
  rmSync(dir, { recursive: true, force: true });
});

test('the deadline holds while a test has frozen Date', { timeout: 10_000 }, async (t) => {
  t.mock.timers.enable({ apis: ['Date'] });
  await assert.rejects(
    waitUntil('never', async () => false, { timeoutMs: 200 }),
    /^Error: never did not happen/,
  );
});
