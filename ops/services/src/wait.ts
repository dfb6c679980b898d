import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process';

/**
 * Polls `probe` until it returns true. Fails early when `process` exits, naming its log,
 * because a service that died at start will never become ready.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 30_000, process }: { timeoutMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process && !process.running) {
      throw new Error(`${what} exited during start; see ${process.options.logFile}`);
    }
    if (await probe().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(
    `${what} was not ready after ${timeoutMs / 1000} s${process ? `; see ${process.options.logFile}` : ''}`,
  );
}

/** True when `url` answers with a 2xx status. */
export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.ok;
}
