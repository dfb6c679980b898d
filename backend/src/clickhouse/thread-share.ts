import type { ClickHouseSettings } from '@clickhouse/client';

/** A running query's share: the setting to send with it, and the call that ends its count. */
export interface ThreadClaim {
  settings: ClickHouseSettings;
  release: () => void;
}

/**
 * The ClickHouse server's threads shared among the report queries this backend has running. A query
 * alone takes them all; queries side by side (a dashboard's cards, several viewers) take a share each,
 * down to one. A query split over threads spends CPU merging their partial results, which an idle core
 * hides and a busy server pays for: on two cores, eight clients' month-long page breakdowns answered in
 * 1,134 ms p50 this way against 1,502 with every query on two threads (docs/benchmarks.md, "Queries side
 * by side share the server's threads").
 */
export class ThreadShare {
  private running = 0;
  private serverThreads: number | undefined;

  /**
   * The server's `max_threads` as it reports it (`auto(8)` on modern servers, `8` on 18.16): its count, or
   * undefined for a setting that holds none (queries then keep the server's own).
   */
  setServerThreads(setting: string): number | undefined {
    const threads = Number(/\d+/.exec(setting)?.[0]);
    if (threads >= 1) this.serverThreads = threads;
    return this.serverThreads;
  }

  /**
   * Counts a query as running until `release` (once, however often called) and gives its share of the
   * threads; none, so the server's own setting, until the server's count is known.
   */
  claim(): ThreadClaim {
    this.running++;
    let released = false;
    const { serverThreads } = this;
    return {
      settings:
        serverThreads === undefined
          ? {}
          : { max_threads: Math.max(1, Math.floor(serverThreads / this.running)) },
      release: () => {
        if (released) return;
        released = true;
        this.running--;
      },
    };
  }
}
