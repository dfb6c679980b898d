/** A task's place in the queue: how urgent it is, and how it is told its turn has come. */
interface Waiter {
  priority: number;
  order: number;
  admit: () => void;
}

/** How a task waits its turn. */
export interface TurnOptions {
  /** Smaller first: waiting tasks run by priority. 0 by default. */
  priority?: number;
  /**
   * Within a priority, smaller first: when the work the task is part of began (`performance.now()`), so that a
   * piece of work begun earlier (a request's second query) goes before one begun later. By default, now.
   */
  order?: number;
  /** Aborted while the task waits: it leaves the queue without running, rejected with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Runs tasks at most `concurrency` at a time, with at most `maxWaiting` waiting their turn. Past that a
 * task is refused at once (`whenFull`): a flood costs a bounded queue, not unbounded memory and latency
 * for everyone behind it.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly whenFull: () => Error,
  ) {}

  async run<T>(
    task: () => Promise<T>,
    { priority = 0, order = performance.now(), signal }: TurnOptions = {},
  ): Promise<T> {
    signal?.throwIfAborted();
    if (this.running < this.concurrency) this.running++;
    // The task finishing before hands its place over: `running` stays as it is.
    else if (this.waiting.length < this.maxWaiting) await this.turn(priority, order, signal);
    else throw this.whenFull();
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.running--;
    }
  }

  /** Waits behind every task before it by priority, then order, or until `signal` aborts. */
  private turn(priority: number, order: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        priority,
        order,
        admit: () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        },
      };
      const behind = this.waiting.findIndex(
        (other) => other.priority > priority || (other.priority === priority && other.order > order),
      );
      this.waiting.splice(behind === -1 ? this.waiting.length : behind, 0, waiter);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }
}
