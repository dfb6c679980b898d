/**
 * Identical work in flight done once: a caller that asks for what another's run is already computing
 * waits for that run instead of starting its own, and the run is forgotten as soon as it settles, so
 * nothing is ever answered from a finished run. Report queries go through it (ClickHouseService): viewers
 * of one shared dashboard, a team on the same overview, a public link passed around, all ask the same
 * SQL at once, and two cores answering it eight times over answer each viewer later than answering it
 * once (docs/benchmarks.md, "Identical report queries in flight run once").
 */
export class SharedRuns<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The run in flight under `key`, joined; or a new one `start`ed and shared until it settles. */
  join(key: string, start: () => Promise<T>): { run: Promise<T>; joined: boolean } {
    const running = this.running.get(key);
    if (running) return { run: running, joined: true };
    const run = start().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return { run, joined: false };
  }
}
