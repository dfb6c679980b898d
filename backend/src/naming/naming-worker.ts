import { Inject, Injectable, Logger } from '@nestjs/common';
import { ProviderSettingsService } from '../ai/provider-settings.service.js';
import { complete } from '../ai/language-model.js';
import { ProviderError, type ProviderSettings } from '../ai/provider.js';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { bind, sql } from '../clickhouse/sql-binder.js';
import { errorMessage } from '../common/error-message.js';
import { RecurringJob } from '../common/recurring-job.js';
import { WorkQueue } from '../common/work-queue.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HotState } from '../hot-state/hot-state.js';
import { Metrics } from '../observability/metrics.js';
import { CallBudget } from './call-budget.js';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';
import type { ElementContext } from './element-context.js';
import { heuristicName } from './heuristic-name.js';
import { elementsSql, unnamedElementsSql, type CandidateRow } from './naming-candidates.js';
import { NameStore } from './name-store.js';
import { namingPrompt } from './naming-prompt.js';
import { validateName } from './name-validation.js';
import { delay, RateLimit } from './rate-limit.js';
import { sourceExcerpt } from './source-excerpt.js';

/** How the worker paces and protects its calls. Tests shorten the times. */
export interface NamingOptions {
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per second, at most. */
  callsPerSecond: number;
  /** Further tries of a call that failed in a way worth retrying (a timeout, 429, 5xx). */
  retries: number;
  /** The first retry's wait; each further one doubles it, each with ±50% jitter. */
  backoffMs: number;
  timeoutMs: number;
  /** Consecutive failed calls that open the breaker, and how long it stays open before a probe. */
  breakerThreshold: number;
  breakerCoolOffMs: number;
  /** Elements taken per poll, at most: the backlog is bounded, the oldest first. */
  backlog: number;
}

export const DEFAULT_NAMING_OPTIONS: NamingOptions = {
  concurrency: 2,
  callsPerSecond: 5,
  retries: 2,
  backoffMs: 500,
  timeoutMs: 10_000,
  breakerThreshold: 5,
  breakerCoolOffMs: 60_000,
  backlog: 100,
};

const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Why one element got no AI name: a heuristic one instead, or none yet (left for a later poll). */
type Outcome = { name: string } | { fallback: string } | { skipped: 'budget' | 'breaker' };

/** `row`'s element context. */
export const contextOf = (row: CandidateRow): ElementContext => ({
  eventName: row.event_name,
  tag: row.tag,
  id: row.id,
  classes: row.classes,
  text: row.text,
  selector: row.selector,
  href: row.href,
  landmark: row.landmark,
  path: row.path,
});

/**
 * Names autocaptured elements with the configured language model. Each poll takes the elements of recent
 * events that have no name yet (and those people asked to re-run), asks the model for each, validates
 * the answer against the element's own context and stores it (naming/name-store.ts); a failed call or a
 * refused answer stores the heuristic name instead. A daily call budget, a rate limit, a concurrency
 * limit, retries with backoff for retryable failures and a circuit breaker keep the cost and the
 * provider's trouble bounded; a manual name is never touched.
 */
@Injectable()
export class NamingWorker extends RecurringJob {
  private readonly logger = new Logger('NamingWorker');
  readonly options: NamingOptions = { ...DEFAULT_NAMING_OPTIONS };
  /** The clock of the budget's day and the breaker's cool-off; tests move it. */
  now: () => number = Date.now;
  private breaker = this.newBreaker();
  private readonly budget: CallBudget;
  private rate = new RateLimit(1000 / this.options.callsPerSecond);
  /** Re-runs people asked for, by site: named at the next poll even when they have a name. */
  private readonly requested = new Map<number, Set<string>>();
  /** The poll in progress: a second one waits for it, so two never name the same element. */
  private polling: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clickhouse: ClickHouseService,
    private readonly provider: ProviderSettingsService,
    private readonly store: NameStore,
    private readonly metrics: Metrics,
    hotState: HotState,
  ) {
    super(config.ai.namingPollMs || 1);
    this.budget = new CallBudget(hotState.database<number>('naming-budget'), () => this.now());
  }

  protected override isEnabled(): boolean {
    return this.config.ai.namingPollMs > 0;
  }

  protected run(): Promise<void> {
    return this.poll();
  }

  /** Applies changed options (tests): a fresh breaker and rate limit under them. */
  reset(): void {
    this.breaker = this.newBreaker();
    this.rate = new RateLimit(1000 / this.options.callsPerSecond);
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** Names `fingerprints` of the site again at the next poll (their manual names excepted). */
  request(siteId: number, fingerprints: string[]): void {
    const set = this.requested.get(siteId) ?? new Set();
    for (const fingerprint of fingerprints) set.add(fingerprint);
    this.requested.set(siteId, set);
  }

  /** One pass over what waits for a name; resolves when it is done. */
  poll(): Promise<void> {
    this.polling = this.polling.then(() => this.pass());
    return this.polling;
  }

  override onModuleDestroy(): void {
    this.stopping.abort();
    super.onModuleDestroy();
  }

  private async pass(): Promise<void> {
    const naming = await this.provider.naming();
    const requested = await this.takeRequested();
    const rows = naming
      ? await this.clickhouse.rows<CandidateRow>(unnamedElementsSql(this.options.backlog))
      : [];
    this.metrics.namingBacklog.set(rows.length);
    const queue = new WorkQueue(
      this.options.concurrency,
      Number.MAX_SAFE_INTEGER,
      () => new Error('unbounded'),
    );
    const work = [...requested, ...rows].map((row) =>
      queue.run(async () => {
        try {
          await this.nameOne(row, naming);
        } catch (error) {
          // A store that failed (ClickHouse away): the element stays unnamed and the next poll tries again.
          this.logger.warn(`Naming ${row.site_id}:${row.fingerprint} failed: ${errorMessage(error)}`);
        }
      }),
    );
    await Promise.all(work);
    this.metrics.namingBreaker.set(BREAKER_GAUGE[this.breaker.state]);
  }

  /** The requested elements' rows (manual names out: they are locked), the requests cleared. */
  private async takeRequested(): Promise<CandidateRow[]> {
    const sites = [...this.requested];
    this.requested.clear();
    const rows = await Promise.all(
      sites.map(([siteId, fingerprints]) =>
        this.clickhouse.rows<CandidateRow>(elementsSql(siteId, [...fingerprints])),
      ),
    );
    return rows.flat().filter((row) => row.stored_source !== 'manual');
  }

  private async nameOne(
    row: CandidateRow,
    naming: { settings: ProviderSettings; dailyCallBudget: number } | undefined,
  ): Promise<void> {
    const element = contextOf(row);
    // No provider (only re-runs get here then): the heuristic name, stored as asked.
    const outcome: Outcome = naming
      ? await this.ask(element, naming.settings, naming.dailyCallBudget)
      : { fallback: '' };
    if ('skipped' in outcome) {
      this.metrics.namingSkipped.inc({ reason: outcome.skipped });
      return;
    }
    if ('fallback' in outcome && outcome.fallback)
      this.metrics.namingFailures.inc({ reason: outcome.fallback });
    // A person may have named it while the model thought: theirs stays.
    if (await this.isManual(row.site_id, row.fingerprint)) return;
    await this.store.save(
      row.site_id,
      row.fingerprint,
      'name' in outcome
        ? { name: outcome.name, source: 'ai' }
        : { name: heuristicName(element), source: 'heuristic' },
    );
  }

  /** The model's validated name for `element`, or why there is none. Never throws for the provider's failures. */
  private async ask(
    element: ElementContext,
    settings: ProviderSettings,
    dailyCallBudget: number,
  ): Promise<Outcome> {
    const excerpt = this.config.ai.namingSourceDir
      ? await sourceExcerpt(this.config.ai.namingSourceDir, element).catch(() => undefined)
      : undefined;
    const prompt = namingPrompt(element, excerpt);
    for (let attempt = 0; ; attempt++) {
      if (!this.breaker.allow())
        return attempt === 0 ? { skipped: 'breaker' } : { fallback: 'provider_retryable' };
      if (!this.budget.take(dailyCallBudget)) {
        this.breaker.release();
        return attempt === 0 ? { skipped: 'budget' } : { fallback: 'provider_retryable' };
      }
      await this.rate.turn(this.stopping.signal);
      try {
        const completion = await complete(settings, prompt, {
          timeoutMs: this.options.timeoutMs,
          signal: this.stopping.signal,
        });
        this.breaker.succeeded();
        this.metrics.namingCalls.inc({ outcome: 'ok' });
        this.metrics.namingTokens.inc({ direction: 'in' }, completion.inputTokens);
        this.metrics.namingTokens.inc({ direction: 'out' }, completion.outputTokens);
        const valid = validateName(completion.text, element);
        return 'name' in valid ? valid : { fallback: `rejected_${valid.rejected}` };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        this.breaker.failed();
        this.metrics.namingCalls.inc({ outcome: 'failed' });
        if (!error.retryable) return { fallback: 'provider_refused' };
        if (attempt >= this.options.retries) return { fallback: 'provider_retryable' };
        const backoff = this.options.backoffMs * 2 ** attempt * (0.5 + Math.random());
        await delay(backoff, this.stopping.signal);
      }
    }
  }

  /** Whether the element's latest name is a person's, as ClickHouse has it now (every backend's writes). */
  private async isManual(siteId: number, fingerprint: string): Promise<boolean> {
    const [row] = await this.clickhouse.rows<{ source: string }>({
      name: 'naming:current-source',
      sql: sql`SELECT argMax(source, updated_at) AS source FROM autocapture_names
        WHERE site_id = ${bind.uint32(siteId)} AND fingerprint = ${bind.string(fingerprint)}`,
    });
    return row?.source === 'manual';
  }

  private newBreaker(): CircuitBreaker {
    return new CircuitBreaker(this.options.breakerThreshold, this.options.breakerCoolOffMs, () => this.now());
  }
}
