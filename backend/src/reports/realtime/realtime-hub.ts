import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../observability/metrics.js';
import { outsideRequest } from '../../common/request-signal.js';
import { SitePoller } from './site-poller.js';
import type { SseListener } from './sse-listener.js';

/** Seconds a client refused as busy is told to wait (`Retry-After`). */
const BUSY_RETRY_SECONDS = 30;

/**
 * The live streams of this backend: one poller per streamed site, shared by its listeners, started by
 * the first and stopped with the last, and the caps on listeners per site and in all.
 */
@Injectable()
export class RealtimeHub implements OnModuleDestroy {
  private readonly pollers = new Map<number, SitePoller>();
  private listenerCount = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clickhouse: ClickHouseService,
    private readonly metrics: Metrics,
  ) {}

  /** Refuses a new listener past either cap: a 503 `busy`. */
  private checkRoom(siteId: number): void {
    const { perSite, total } = this.config.realtimeListeners;
    const onSite = this.pollers.get(siteId)?.listeners.size ?? 0;
    if (this.listenerCount >= total || onSite >= perSite) {
      throw new DomainError(
        ErrorCode.Busy,
        `realtime: ${onSite >= perSite ? `this site has ${perSite}` : `the server has ${total}`} live streams open, the most it serves; retry later`,
        { 'Retry-After': String(BUSY_RETRY_SECONDS) },
      );
    }
  }

  /**
   * Adds a listener to its site's poller, starting it (its first read: `ready`); past a cap, throws
   * before anything is added or written.
   */
  join(siteId: number, listener: SseListener): SitePoller {
    this.checkRoom(siteId);
    let poller = this.pollers.get(siteId);
    if (!poller) {
      // Its polls go on for every listener, whoever's request started it.
      poller = outsideRequest(() => new SitePoller(siteId, this.clickhouse));
      this.pollers.set(siteId, poller);
      this.metrics.realtimePollers.set(this.pollers.size);
    }
    poller.listeners.add(listener);
    this.listenerCount += 1;
    this.metrics.realtimeListeners.set(this.listenerCount);
    return poller;
  }

  /** Removes a listener; the last one of a site stops its poller. */
  leave(siteId: number, listener: SseListener): void {
    const poller = this.pollers.get(siteId);
    if (!poller?.listeners.delete(listener)) return;
    this.listenerCount -= 1;
    this.metrics.realtimeListeners.set(this.listenerCount);
    if (poller.listeners.size === 0) {
      poller.stop();
      this.pollers.delete(siteId);
      this.metrics.realtimePollers.set(this.pollers.size);
    }
  }

  /** At shutdown: every stream ends (clients reconnect elsewhere), every poll stops. */
  onModuleDestroy(): void {
    for (const poller of this.pollers.values()) for (const listener of poller.listeners) listener.drop();
  }
}
