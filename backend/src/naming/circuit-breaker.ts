/** closed: calls go through; open: none until the cool-off ends; half-open: one probe decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Stops calling a provider that keeps failing: opens after `threshold` consecutive failures, lets one
 * probe through once `coolOffMs` has passed (half-open), and closes on that probe's success (or opens
 * again on its failure). Time comes from `now` so tests can move it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly threshold: number,
    private readonly coolOffMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.failures < this.threshold) return 'closed';
    return this.now() - this.openedAt >= this.coolOffMs ? 'half-open' : 'open';
  }

  /** Whether a call may go now; in half-open, only the one probe does until it reports. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** A call allowed but not made (no budget left): a half-open probe's turn goes to the next caller. */
  release(): void {
    this.probing = false;
  }

  succeeded(): void {
    this.failures = 0;
    this.probing = false;
  }

  failed(): void {
    this.probing = false;
    this.failures++;
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }
}
