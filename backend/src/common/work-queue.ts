/**
 * Runs tasks at most `concurrency` at a time, with at most `maxWaiting` waiting their turn. Past that a
 * task is refused at once (`whenFull`): a flood costs a bounded queue, not unbounded memory and latency
 * for everyone behind it.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly whenFull: () => Error,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.maxWaiting)
      // The task finishing before hands its place over: `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw this.whenFull();
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
