/**
 * At most one start per `intervalMs`: callers wait their turn in order (the provider's requests per
 * second, whatever the concurrency).
 */
export class RateLimit {
  private next = 0;

  constructor(private readonly intervalMs: number) {}

  async turn(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await delay(at - now, signal);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (a shutdown doesn't wait out a backoff). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
