import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { GoalsService } from '../goals/goals.service.js';
import { Mailer } from '../mail/mailer.js';
import { GOAL_METRIC_NAMES, type MetricName } from '../reports/query/metrics.js';
import { parseFilters } from '../reports/query/parse-request.js';
import type { User } from '../users/user.entity.js';
import type { AlertChannel, AlertDelivery, AlertFiring, AlertRule } from './alert.entities.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { AlertNotices } from './alert-notices.js';
import { AlertsRepository, type AlertRuleFields } from './alerts.repository.js';
import type {
  AlertChannelDto,
  AlertHistoryResponse,
  AlertRuleResponse,
  CreateAlertRuleDto,
  SavedAlertRuleResponse,
  UpdateAlertRuleDto,
} from './dto/alert-rule.dto.js';
import { WebhookSecrets } from './webhook-secrets.js';

const DEFAULTS = { windowMinutes: 60, consecutive: 2, cooldownMinutes: 60, enabled: true };
const invalid = (message: string): never => {
  throw new DomainError(ErrorCode.Validation, message);
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A site's alert rules. The route's rule has checked access to the site (`@Requires(…, { site: true })`);
 * a rule is looked up within that site only, so another site's rule is a 404 like a missing one.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly goals: GoalsService,
    private readonly mailer: Mailer,
    private readonly secrets: WebhookSecrets,
    private readonly notices: AlertNotices,
    private readonly deliveries: AlertDeliveries,
    private readonly audit: AuditService,
  ) {}

  async list(siteId: number): Promise<AlertRuleResponse[]> {
    const rules = await this.alerts.listOf(siteId);
    const channels = await this.alerts.channelsOf(rules.map(({ id }) => id));
    return rules.map((rule) =>
      toResponse(
        rule,
        channels.filter(({ ruleId }) => ruleId === rule.id),
      ),
    );
  }

  async get(siteId: number, id: number): Promise<AlertRuleResponse> {
    const rule = await this.rule(siteId, id);
    return toResponse(rule, await this.alerts.channelsOf([id]));
  }

  async create(user: User, siteId: number, dto: CreateAlertRuleDto): Promise<SavedAlertRuleResponse> {
    const fields = await this.wholeRule(siteId, { ...DEFAULTS, ...dto });
    this.checkChannels(dto.channels, []);
    const rule = await this.alerts.createRule(siteId, fields);
    const newSecrets = await this.saveChannels(rule.id, dto.channels, []);
    await this.audit.record(actorOf(user), 'alert.create', `site:${siteId}`, {
      rule: rule.id,
      name: rule.name,
    });
    return { ...(await this.get(siteId, rule.id)), newSecrets };
  }

  async update(
    user: User,
    siteId: number,
    id: number,
    dto: UpdateAlertRuleDto,
  ): Promise<SavedAlertRuleResponse> {
    const rule = await this.rule(siteId, id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    const fields = await this.wholeRule(siteId, { ...rule, goal: rule.goalId, ...changes });
    const existing = await this.alerts.channelsOf([id]);
    if (dto.channels) this.checkChannels(dto.channels, existing);
    await this.alerts.updateRule(siteId, id, fields);
    const newSecrets = dto.channels ? await this.saveChannels(id, dto.channels, existing) : [];
    await this.audit.record(actorOf(user), 'alert.update', `site:${siteId}`, { rule: id, name: fields.name });
    return { ...(await this.get(siteId, id)), newSecrets };
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const rule = await this.rule(siteId, id);
    await this.alerts.deleteRule(siteId, id);
    await this.audit.record(actorOf(user), 'alert.delete', `site:${siteId}`, { rule: id, name: rule.name });
  }

  async history(siteId: number, id: number): Promise<AlertHistoryResponse> {
    await this.rule(siteId, id);
    const { firings, deliveries } = await this.alerts.history(id);
    return { firings: firings.map((firing) => toFiringResponse(firing, deliveries)) };
  }

  /**
   * Sends a test notification through every channel of the rule, recorded as a `test` firing with the
   * rule's last value (0 before its first evaluation); the rule's state is untouched.
   */
  async testFire(user: User, siteId: number, id: number): Promise<{ firingId: number }> {
    const rule = await this.rule(siteId, id);
    const firing = await this.alerts.recordFiring({
      ruleId: id,
      kind: 'test',
      value: rule.lastValue ?? 0,
      threshold: rule.threshold,
      firedAt: Date.now(),
    });
    const { notice, channels } = await this.notices.of(rule, firing);
    this.deliveries.dispatch(notice, channels);
    await this.audit.record(actorOf(user), 'alert.test', `site:${siteId}`, { rule: id });
    return { firingId: firing.id };
  }

  private async rule(siteId: number, id: number): Promise<AlertRule> {
    const rule = await this.alerts.find(siteId, id);
    if (!rule) throw new DomainError(ErrorCode.NotFound, `alert rule ${id} not found`);
    return rule;
  }

  /** The rule's fields, checked as a whole: what one field may be depends on the others. */
  private async wholeRule(
    siteId: number,
    rule: Omit<CreateAlertRuleDto, 'channels'> & typeof DEFAULTS,
  ): Promise<AlertRuleFields> {
    const metricSignal = rule.signal === 'metric';
    const metric = rule.metric ?? null;
    const filters = rule.filters ?? null;
    const goal = rule.goal ?? null;
    if (metricSignal && metric === null) invalid('metric: a metric signal needs a metric');
    if (!metricSignal) {
      for (const [field, value] of Object.entries({ metric, filters, goal }))
        if (value !== null) invalid(`${field}: only a metric signal takes a ${field} (not ${rule.signal})`);
      if (rule.condition === 'drops_by' || rule.condition === 'rises_by')
        invalid(`condition: ${rule.signal} takes above or below (it has no window before to compare with)`);
    }
    if (GOAL_METRIC_NAMES.includes(metric as MetricName) && goal === null)
      invalid(`goal: the metric ${metric} needs a goal`);
    // The reports' own parser: the same rules and messages as a report's `filters`.
    if (filters !== null) parseFilters(filters);
    if (goal !== null && !(await this.goals.find(siteId, goal)))
      invalid(`goal: this site has no goal ${goal}`);
    return {
      name: rule.name,
      signal: rule.signal,
      metric,
      filters,
      goalId: goal,
      windowMinutes: rule.windowMinutes,
      condition: rule.condition,
      threshold: rule.threshold,
      consecutive: rule.consecutive,
      cooldownMinutes: rule.cooldownMinutes,
      enabled: rule.enabled,
    };
  }

  private checkChannels(channels: AlertChannelDto[], existing: AlertChannel[]): void {
    channels.forEach((channel, i) => {
      const field = `channels[${i}]`;
      if (channel.id !== undefined) {
        const kept = existing.find(({ id }) => id === channel.id);
        if (!kept) invalid(`${field}.id: the rule has no channel ${channel.id}`);
        if (kept!.kind !== channel.kind || kept!.target !== channel.target)
          invalid(`${field}.id: a kept channel can't change; leave its id out for a new one`);
        return;
      }
      if (channel.kind === 'email') {
        if (!this.mailer.configured) invalid(`${field}.kind: email needs an SMTP server (SLUICE_SMTP_HOST)`);
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(channel.target))
          invalid(`${field}.target: must be an email address`);
      } else if (!isHttpUrl(channel.target)) {
        invalid(`${field}.target: must be an http or https URL`);
      }
    });
  }

  /** Keeps the channels named by id, removes the others, adds the new ones: their secrets, shown once. */
  private async saveChannels(ruleId: number, channels: AlertChannelDto[], existing: AlertChannel[]) {
    const kept = new Set(channels.flatMap(({ id }) => (id === undefined ? [] : [id])));
    await this.alerts.removeChannels(
      ruleId,
      existing.filter(({ id }) => !kept.has(id)).map(({ id }) => id),
    );
    const secrets: Array<{ channelId: number; secret: string }> = [];
    for (const channel of channels.filter(({ id }) => id === undefined)) {
      const signing = channel.kind === 'email' ? undefined : this.secrets.create();
      const saved = await this.alerts.addChannel(ruleId, {
        kind: channel.kind,
        target: channel.target,
        sealedSecret: signing?.sealed ?? null,
      });
      if (signing) secrets.push({ channelId: saved.id, secret: signing.secret });
    }
    return secrets;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const toResponse = (rule: AlertRule, channels: AlertChannel[]): AlertRuleResponse => ({
  id: rule.id,
  siteId: rule.siteId,
  name: rule.name,
  signal: rule.signal,
  metric: rule.metric,
  filters: rule.filters,
  goal: rule.goalId,
  windowMinutes: rule.windowMinutes,
  condition: rule.condition,
  threshold: rule.threshold,
  consecutive: rule.consecutive,
  cooldownMinutes: rule.cooldownMinutes,
  enabled: rule.enabled,
  state: rule.state,
  lastValue: rule.lastValue,
  lastEvaluatedAt: iso(rule.lastEvaluatedAt),
  lastFiredAt: iso(rule.lastFiredAt),
  channels: channels.map(({ id, kind, target }) => ({ id, kind, target })),
  createdAt: rule.createdAt.toISOString(),
});

const toFiringResponse = (firing: AlertFiring, deliveries: AlertDelivery[]) => ({
  id: firing.id,
  kind: firing.kind,
  value: firing.value,
  threshold: firing.threshold,
  firedAt: new Date(firing.firedAt).toISOString(),
  resolvedAt: iso(firing.resolvedAt),
  deliveries: deliveries
    .filter(({ firingId }) => firingId === firing.id)
    .map(({ channelId, channelKind, notice, attempt, status, error, attemptedAt }) => ({
      channelId,
      channelKind,
      notice,
      attempt,
      status,
      error,
      attemptedAt: new Date(attemptedAt).toISOString(),
    })),
});
