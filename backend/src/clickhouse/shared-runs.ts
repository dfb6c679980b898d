/** A run, the callers still waiting for it, and how many times it was left without one. */
interface Run<T> {
  answer: Promise<T>;
  waiting: number;
  left: number;
  stop: AbortController;
}

/**
 * Identical work in flight done once, and stopped once no one waits for it. A caller that asks for what
 * another's run is already computing waits for that run instead of starting its own; a run is forgotten as
 * soon as it settles, so nothing is ever answered from a finished run. A caller may leave (its `signal`
 * aborted: the client went away), and when the last one has left and no one has asked again within `graceMs`,
 * the run is told to stop (the `signal` `start` was given). Report queries go through it (ClickHouseService):
 * viewers of one shared dashboard, a team on the same overview, a public link passed around, all ask the same
 * SQL at once, and two cores answering it eight times over answer each viewer later than answering it once
 * (docs/benchmarks.md, "Identical report queries in flight run once"); a card whose filters changed before its
 * answer came leaves its query's cores to the new one, while a page reloaded asks its queries again in time to
 * find them still running.
 */
export class SharedRuns<T> {
  private readonly running = new Map<string, Run<T>>();

  constructor(private readonly graceMs: number) {}

  /**
   * The run in flight under `key`, joined; or a new one `start`ed and shared until it settles. The caller's
   * answer rejects with the reason of `signal` as soon as it aborts; a caller without one never leaves.
   */
  join(
    key: string,
    start: (stop: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): { answer: Promise<T>; joined: boolean } {
    if (signal?.aborted) return { answer: Promise.reject(signal.reason), joined: false };
    const running = this.running.get(key);
    const run = running ?? this.begin(key, start);
    run.waiting++;
    return { answer: signal ? this.waitFor(key, run, signal) : run.answer, joined: running !== undefined };
  }

  private begin(key: string, start: (stop: AbortSignal) => Promise<T>): Run<T> {
    const stop = new AbortController();
    const run: Run<T> = {
      answer: start(stop.signal).finally(() => this.forget(key, run)),
      waiting: 0,
      left: 0,
      stop,
    };
    this.running.set(key, run);
    return run;
  }

  private waitFor(key: string, run: Run<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        if (--run.waiting > 0) return;
        const left = ++run.left;
        setTimeout(() => this.stopIfLeft(key, run, left), this.graceMs).unref();
      };
      signal.addEventListener('abort', leave, { once: true });
      run.answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }

  /** Stops a run no one has asked for again since its last caller left (the `left`th time), unless it settled. */
  private stopIfLeft(key: string, run: Run<T>, left: number): void {
    if (run.waiting > 0 || run.left !== left || this.running.get(key) !== run) return;
    // A caller asking now starts a run of its own rather than join one told to stop.
    this.forget(key, run);
    run.stop.abort(new Error('no caller waits for the answer'));
  }

  private forget(key: string, run: Run<T>): void {
    if (this.running.get(key) === run) this.running.delete(key);
  }
}
