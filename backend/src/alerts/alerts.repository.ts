import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThanOrEqual, Or, Repository } from 'typeorm';
import { AlertChannel, AlertDelivery, AlertFiring, AlertRule } from './alert.entities.js';

/** What a rule is made of, as its owner sets it (the state is the evaluator's). */
export type AlertRuleFields = Pick<
  AlertRule,
  | 'name'
  | 'signal'
  | 'metric'
  | 'filters'
  | 'goalId'
  | 'windowMinutes'
  | 'condition'
  | 'threshold'
  | 'consecutive'
  | 'cooldownMinutes'
  | 'enabled'
>;

export type AlertRuleState = Pick<AlertRule, 'state' | 'streak' | 'lastValue' | 'lastFiredAt' | 'counters'>;

export type ChannelFields = Pick<AlertChannel, 'kind' | 'target' | 'sealedSecret'>;

/** How many firings and deliveries the history answers at most. */
export const HISTORY_LIMIT = 50;

/** Alert rules, channels, firings and deliveries; every lookup of a rule is by site, so one site's is never another's. */
@Injectable()
export class AlertsRepository {
  constructor(
    @InjectRepository(AlertRule) private readonly rules: Repository<AlertRule>,
    @InjectRepository(AlertChannel) private readonly channels: Repository<AlertChannel>,
    @InjectRepository(AlertFiring) private readonly firings: Repository<AlertFiring>,
    @InjectRepository(AlertDelivery) private readonly deliveries: Repository<AlertDelivery>,
  ) {}

  listOf(siteId: number): Promise<AlertRule[]> {
    return this.rules.find({ where: { siteId }, order: { id: 'ASC' } });
  }

  async find(siteId: number, id: number): Promise<AlertRule | undefined> {
    return (await this.rules.findOneBy({ siteId, id })) ?? undefined;
  }

  createRule(siteId: number, fields: AlertRuleFields): Promise<AlertRule> {
    return this.rules.save(this.rules.create({ siteId, ...fields }));
  }

  /** A changed rule starts over: its state and streak reset, so a new condition is judged on its own. */
  async updateRule(siteId: number, id: number, fields: AlertRuleFields): Promise<void> {
    await this.rules.update({ siteId, id }, { ...fields, state: 'ok', streak: 0, counters: null });
  }

  async deleteRule(siteId: number, id: number): Promise<void> {
    await this.rules.delete({ siteId, id });
  }

  channelsOf(ruleIds: number[]): Promise<AlertChannel[]> {
    if (ruleIds.length === 0) return Promise.resolve([]);
    return this.channels.find({ where: { ruleId: In(ruleIds) }, order: { id: 'ASC' } });
  }

  addChannel(ruleId: number, fields: ChannelFields): Promise<AlertChannel> {
    return this.channels.save(this.channels.create({ ruleId, ...fields }));
  }

  async removeChannels(ruleId: number, ids: number[]): Promise<void> {
    if (ids.length > 0) await this.channels.delete({ ruleId, id: In(ids) });
  }

  enabledRules(): Promise<AlertRule[]> {
    return this.rules.find({ where: { enabled: true }, order: { id: 'ASC' } });
  }

  /**
   * Takes the rule's evaluation at `now` if no backend evaluated it since `since`: one compare-and-set
   * `UPDATE`, so backends sharing the metadata database evaluate each rule once per interval.
   */
  async claimEvaluation(id: number, now: number, since: number): Promise<boolean> {
    const result = await this.rules.update(
      { id, lastEvaluatedAt: Or(IsNull(), LessThanOrEqual(since)) },
      { lastEvaluatedAt: now },
    );
    return result.affected === 1;
  }

  async saveState(id: number, state: AlertRuleState): Promise<void> {
    await this.rules.update({ id }, state);
  }

  recordFiring(fields: Omit<AlertFiring, 'id' | 'resolvedAt'>): Promise<AlertFiring> {
    return this.firings.save(this.firings.create({ ...fields, resolvedAt: null }));
  }

  /** Marks the rule's open firing resolved; the firing, as resolved (none if it had none open). */
  async resolveFiring(ruleId: number, at: number): Promise<AlertFiring | undefined> {
    const open = await this.firings.findOneBy({ ruleId, kind: 'fire', resolvedAt: IsNull() });
    if (!open) return undefined;
    await this.firings.update({ id: open.id }, { resolvedAt: at });
    return { ...open, resolvedAt: at };
  }

  async recordDelivery(fields: Omit<AlertDelivery, 'id'>): Promise<void> {
    await this.deliveries.insert(fields);
  }

  /** The rule's latest firings, newest first, and their delivery attempts in order. */
  async history(ruleId: number): Promise<{ firings: AlertFiring[]; deliveries: AlertDelivery[] }> {
    const firings = await this.firings.find({
      where: { ruleId },
      order: { firedAt: 'DESC', id: 'DESC' },
      take: HISTORY_LIMIT,
    });
    const deliveries =
      firings.length === 0
        ? []
        : await this.deliveries.find({
            where: { firingId: In(firings.map(({ id }) => id)) },
            order: { id: 'ASC' },
          });
    return { firings, deliveries };
  }
}
