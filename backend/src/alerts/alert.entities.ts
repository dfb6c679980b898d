import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMsColumn, optionalEpochMsColumn } from '../metadata/epoch-ms-column.js';

/**
 * What a rule watches: a metric of the reports engine over the site's visits (with filters and a goal),
 * or one of the ingest signals the backend reads from the edge and the shipper (ingest-health/).
 */
export const ALERT_SIGNALS = ['metric', 'ingest_lag_seconds', 'refused_percent'] as const;
export type AlertSignal = (typeof ALERT_SIGNALS)[number];

/**
 * above / below a threshold; drops_by / rises_by: the value changed by at least `threshold` percent
 * against the window before (the metric signal only: the ingest signals have no past to compare with).
 */
export const ALERT_CONDITIONS = ['above', 'below', 'drops_by', 'rises_by'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

/** ok: the condition does not hold; pending: it holds, not yet long enough (or in the cooldown); firing. */
export const ALERT_STATES = ['ok', 'pending', 'firing'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** A site's alert rule and where it stands (alert-evaluator.ts moves the state). */
@Entity('alert_rules')
export class AlertRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 24 })
  signal!: AlertSignal;

  /** The metric signal's metric (reports/query/metrics.ts); null for an ingest signal. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  metric!: string | null;

  /** The metric signal's filter tree, as the reports take it (`filters`: JSON); null: every visit. */
  @Column({ type: 'varchar', length: 4096, nullable: true })
  filters!: string | null;

  /** The goal whose conversions the goal metrics count; the rule goes with it. */
  @Column({ name: 'goal_id', type: 'integer', nullable: true })
  goalId!: number | null;

  @Column({ name: 'window_minutes', type: 'integer' })
  windowMinutes!: number;

  @Column({ type: 'varchar', length: 16 })
  condition!: AlertCondition;

  @Column({ type: 'double precision' })
  threshold!: number;

  /** Evaluations in a row the condition must hold to fire, and be clear to resolve (hysteresis). */
  @Column({ type: 'integer' })
  consecutive!: number;

  /** Minutes after a firing in which the rule does not fire again. */
  @Column({ name: 'cooldown_minutes', type: 'integer' })
  cooldownMinutes!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 8, default: 'ok' })
  state!: AlertState;

  /** Evaluations in a row that agreed: positive while the condition holds, negative while it is clear. */
  @Column({ type: 'integer', default: 0 })
  streak!: number;

  @Column({ name: 'last_value', type: 'double precision', nullable: true })
  lastValue!: number | null;

  @Column(optionalEpochMsColumn('last_evaluated_at'))
  lastEvaluatedAt!: number | null;

  @Column(optionalEpochMsColumn('last_fired_at'))
  lastFiredAt!: number | null;

  /**
   * The refused_percent signal's counters at the last evaluation (JSON `{accepted, refused}`): the edge's
   * counts since it started, so the rate is over their growth between two evaluations.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  counters!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

/** Where a rule's notifications go: a JSON webhook, a Slack-compatible webhook, or an email address. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

@Entity('alert_channels')
export class AlertChannel {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'rule_id', type: 'integer' })
  ruleId!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: ChannelKind;

  /** The webhook's URL, or the email address. */
  @Column({ type: 'varchar', length: 2048 })
  target!: string;

  /** A webhook's signing secret, sealed under a key derived from the signing secret; null for email. */
  @Column({ name: 'sealed_secret', type: 'varchar', length: 200, nullable: true })
  sealedSecret!: string | null;
}

/** fire: the rule's condition held long enough; test: the test-fire button. */
export const FIRING_KINDS = ['fire', 'test'] as const;
export type FiringKind = (typeof FIRING_KINDS)[number];

/** A firing of a rule: what it saw, against what, when, and when it resolved. */
@Entity('alert_firings')
export class AlertFiring {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'rule_id', type: 'integer' })
  ruleId!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: FiringKind;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'double precision' })
  threshold!: number;

  @Column(epochMsColumn('fired_at'))
  firedAt!: number;

  @Column(optionalEpochMsColumn('resolved_at'))
  resolvedAt!: number | null;
}

/** What a delivery told: the firing (or test-fire), or its resolution. */
export const DELIVERY_NOTICES = ['firing', 'resolution'] as const;
export type DeliveryNotice = (typeof DELIVERY_NOTICES)[number];

export const DELIVERY_STATUSES = ['delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt to deliver a firing through one channel. */
@Entity('alert_deliveries')
export class AlertDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'firing_id', type: 'integer' })
  firingId!: number;

  @Column({ name: 'channel_id', type: 'integer' })
  channelId!: number;

  @Column({ name: 'channel_kind', type: 'varchar', length: 8 })
  channelKind!: ChannelKind;

  @Column({ type: 'varchar', length: 12 })
  notice!: DeliveryNotice;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: DeliveryStatus;

  /** Why the attempt failed (the receiver's status, a timeout, the SMTP server's answer). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column(epochMsColumn('attempted_at'))
  attemptedAt!: number;
}
