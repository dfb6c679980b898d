import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { errorMessage } from '../common/error-message.js';
import { RecurringJob } from '../common/recurring-job.js';
import { SitesService } from '../sites/sites.service.js';
import type { AlertFiring, AlertRule } from './alert.entities.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { AlertNotices } from './alert-notices.js';
import { AlertSignals } from './alert-signals.js';
import { judge, transition } from './alert-state.js';
import { AlertsRepository } from './alerts.repository.js';

/** Another backend's evaluation of a rule this recent makes this one skip it. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * Evaluates every enabled rule every SLUICE_ALERT_EVALUATE_SECONDS: reads its signal, judges its
 * condition, moves its state (alert-state.ts: hysteresis and cooldown), records a firing or a resolution,
 * and hands a firing to the deliveries, which run on without holding the evaluation up. Rules are
 * evaluated one after another: each is a report query or two, and one failing (ClickHouse refusing it)
 * is logged and leaves the others to run.
 */
@Injectable()
export class AlertEvaluator extends RecurringJob {
  private readonly logger = new Logger('AlertEvaluator');
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsRepository,
    private readonly signals: AlertSignals,
    private readonly notices: AlertNotices,
    private readonly deliveries: AlertDeliveries,
    private readonly sites: SitesService,
  ) {
    super(config.alerts.evaluateSeconds * 1000);
  }

  protected run(): Promise<void> {
    return this.evaluateAll(Date.now());
  }

  /** One evaluation of every enabled rule at `now`; a run still going is joined, not doubled. */
  evaluateAll(now: number): Promise<void> {
    this.running ??= this.evaluateEach(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async evaluateEach(now: number): Promise<void> {
    // Backends sharing the metadata database each run every interval: the first to claim a rule
    // evaluates it, and one whose run comes within half an interval (at most CLAIM_MARGIN_MS) skips it.
    const since = now - Math.min(this.config.alerts.evaluateSeconds * 500, CLAIM_MARGIN_MS);
    for (const rule of await this.alerts.enabledRules()) {
      if (!(await this.alerts.claimEvaluation(rule.id, now, since))) continue;
      await this.evaluate(rule, now).catch((error: unknown) =>
        this.logger.error(`Rule ${rule.id} of site ${rule.siteId} not evaluated: ${errorMessage(error)}`),
      );
    }
  }

  private async evaluate(rule: AlertRule, now: number): Promise<void> {
    // A site being deleted is no longer found: its rules wait quietly and go with its row.
    if (!(await this.sites.find(rule.siteId))) return;
    const reading = await this.signals.read(rule, now);
    if (!reading) {
      this.logger.warn(
        `Rule ${rule.id} of site ${rule.siteId}: its signal (${rule.signal}) can't be read now`,
      );
      return;
    }
    const { holds, judged } = judge(rule.condition, rule.threshold, reading.measurement);
    const next = transition(rule, holds, now);
    await this.alerts.saveState(rule.id, {
      state: next.state,
      streak: next.streak,
      lastValue: judged,
      lastFiredAt: next.fires ? now : rule.lastFiredAt,
      counters: reading.counters ?? rule.counters,
    });
    if (next.resolves) {
      const resolved = await this.alerts.resolveFiring(rule.id, now);
      if (resolved) await this.notify(rule, resolved);
    }
    if (next.fires) {
      const firing = await this.alerts.recordFiring({
        ruleId: rule.id,
        kind: 'fire',
        value: judged,
        threshold: rule.threshold,
        firedAt: now,
      });
      await this.notify(rule, firing);
    }
  }

  /** Hands a firing, or its resolution, to the deliveries (which run on without this evaluation). */
  private async notify(rule: AlertRule, firing: AlertFiring): Promise<void> {
    const { notice, channels } = await this.notices.of(rule, firing);
    this.deliveries.dispatch(notice, channels);
  }
}
