import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process';

/**
 * Polls `probe` until it returns true. A probe that throws (a service still refusing connections, an assertion not
 * yet holding) is polled again; at the deadline the last failure is rethrown as the cause, so the real status or
 * assertion shows instead of a bare timeout. Fails early when `process` exits, naming its log, because a service
 * that died at start will never become ready. The deadline is kept on the monotonic clock, so a test that
 * moves or freezes `Date` (node:test's mocked timers) still gets its timeout.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 30_000, process }: { timeoutMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastFailure: unknown;
  while (performance.now() < deadline) {
    if (process && !process.running) {
      await process.waitForExit();
      const tail = process.logTail();
      throw new Error(
        `${what} exited during start; see ${process.options.logFile}${tail ? `, which ends:\n${tail}` : ''}`,
      );
    }
    try {
      if (await probe()) return;
      lastFailure = undefined;
    } catch (error) {
      lastFailure = error;
    }
    await sleep(100);
  }
  const log = process ? `; see ${process.options.logFile}` : '';
  if (lastFailure === undefined) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${log}`);
  const reason = lastFailure instanceof Error ? lastFailure.message : String(lastFailure);
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${log}; last failure: ${reason}`, {
    cause: lastFailure,
  });
}

/** True when `url` answers with a 2xx status. */
export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.ok;
}
