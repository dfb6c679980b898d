import type { Database } from 'lmdb';

/**
 * The naming worker's calls per UTC day, counted in the hot state (LMDB) so a restart doesn't hand out a
 * fresh budget. Each backend counts its own calls.
 */
export class CallBudget {
  constructor(
    private readonly counts: Database<number, string>,
    private readonly now: () => number = Date.now,
  ) {}

  private today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  /** Calls made today. */
  used(): number {
    return this.counts.get(this.today()) ?? 0;
  }

  /** Takes one call of today's `limit`: false (and nothing taken) once it is spent. */
  take(limit: number): boolean {
    const day = this.today();
    return this.counts.transactionSync(() => {
      const used = this.counts.get(day) ?? 0;
      if (used >= limit) return false;
      this.counts.putSync(day, used + 1);
      // Yesterday's counts are of no further use.
      for (const key of this.counts.getKeys()) if (key !== day) this.counts.removeSync(key);
      return true;
    });
  }
}
