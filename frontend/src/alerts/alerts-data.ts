import { conditionLabel, plainConditions, type Condition } from '../reports/conditions.js';
import type { AlertFiring, AlertRule, NewAlertRule } from './api.js';
import { formatCountOf } from '../shared/format.js';
import { metricLabel } from '../overview/overview-data.js';

/** The metrics that count a goal's conversions: a rule on them names the goal. */
export const GOAL_METRICS: ReadonlyArray<NewAlertRule['metric']> = ['conversions', 'conversion_rate'];

const CONDITION_WORDS: Record<AlertRule['condition'], string> = {
  above: 'above',
  below: 'below',
  drops_by: 'down by at least',
  rises_by: 'up by at least',
};

/** A rule's filters in words: "where Country is DE and Page contains /blog"; groups set through the API only "filtered". */
function filtersInWords(filters: string | null | undefined): string {
  if (!filters) return '';
  const conditions = plainConditions(filters);
  if (!conditions) return ' (filtered)';
  return conditions.length > 0 ? ` where ${conditions.map(conditionLabel).join(' and ')}` : '';
}

/** What a rule watches and when it fires, in a line: "visitors over the last 60 min above 100". */
export function describeRule(
  rule: Pick<AlertRule, 'signal' | 'metric' | 'windowMinutes' | 'condition' | 'threshold' | 'filters'>,
): string {
  const percent = rule.condition === 'drops_by' || rule.condition === 'rises_by' ? '%' : '';
  const what =
    rule.signal === 'ingest_lag_seconds'
      ? 'ingest lag (seconds)'
      : rule.signal === 'refused_percent'
        ? 'refused beacons (%)'
        : `${metricLabel(rule.metric ?? '').toLowerCase()}${filtersInWords(rule.filters)} over the last ${rule.windowMinutes} min`;
  return `${what} ${CONDITION_WORDS[rule.condition]} ${rule.threshold}${percent}`;
}

export const STATE_LABELS: Record<AlertRule['state'], string> = {
  ok: 'OK',
  pending: 'Pending',
  firing: 'Firing',
};

/**
 * How a firing's deliveries went, per channel and notice (the firing, then its resolution):
 * "webhook #3: delivered after 2 attempts", "webhook #3, resolution: delivered after 1 attempt".
 */
export function deliveryLines(firing: AlertFiring): string[] {
  const groups = new Map<string, AlertFiring['deliveries']>();
  for (const delivery of firing.deliveries) {
    const key = `${delivery.channelKind} #${delivery.channelId}${delivery.notice === 'resolution' ? ', resolution' : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), delivery]);
  }
  return [...groups].map(([key, attempts]) => {
    const last = attempts[attempts.length - 1];
    const tries = formatCountOf(attempts.length, 'attempt');
    const outcome =
      last.status === 'delivered' ? `delivered after ${tries}` : `failed after ${tries}: ${last.error ?? ''}`;
    return `${key}: ${outcome}`;
  });
}

/** The form of a new rule, as typed: numbers still text. */
export interface RuleForm {
  name: string;
  signal: NewAlertRule['signal'];
  metric: NonNullable<NewAlertRule['metric']>;
  /** A goal's id, for the goal metrics; '' for none. */
  goal: string;
  /** The conditions the metric is counted under, all of which must hold. */
  filters: Condition[];
  /**
   * Filters set through the API that a list of conditions can't show (groups, `one_of`), kept as they are
   * until removed; '' for none.
   */
  otherFilters: string;
  windowMinutes: string;
  condition: NewAlertRule['condition'];
  threshold: string;
  consecutive: string;
  cooldownMinutes: string;
  channelKind: 'webhook' | 'slack' | 'email';
  channelTarget: string;
}

export const EMPTY_RULE_FORM: RuleForm = {
  name: '',
  signal: 'metric',
  metric: 'visitors',
  goal: '',
  filters: [],
  otherFilters: '',
  windowMinutes: '60',
  condition: 'below',
  threshold: '',
  consecutive: '2',
  cooldownMinutes: '60',
  channelKind: 'webhook',
  channelTarget: '',
};

/** The form's filters as the API takes them: the kept ones, or the conditions as a JSON list; '' for none. */
const filtersText = (form: RuleForm) =>
  form.otherFilters || (form.filters.length > 0 ? JSON.stringify(form.filters) : '');

/** The API's body for the form; the API checks every rule and names the field it refuses. */
export function newRuleBody(form: RuleForm): NewAlertRule {
  const metricSignal = form.signal === 'metric';
  return {
    name: form.name,
    signal: form.signal,
    ...(metricSignal && { metric: form.metric }),
    ...(metricSignal && filtersText(form) && { filters: filtersText(form) }),
    ...(metricSignal && GOAL_METRICS.includes(form.metric) && form.goal && { goal: Number(form.goal) }),
    windowMinutes: Number(form.windowMinutes),
    condition: form.condition,
    threshold: Number(form.threshold),
    consecutive: Number(form.consecutive),
    cooldownMinutes: Number(form.cooldownMinutes),
    enabled: true,
    channels: form.channelTarget.trim()
      ? [{ kind: form.channelKind, target: form.channelTarget.trim() }]
      : [],
  };
}

/** The form of an existing rule, to change it: its fields as they are, no new channel. */
export function ruleForm(rule: AlertRule): RuleForm {
  const conditions = rule.filters ? plainConditions(rule.filters) : [];
  return {
    name: rule.name,
    signal: rule.signal,
    metric: rule.metric ?? 'visitors',
    goal: rule.goal === null ? '' : String(rule.goal),
    filters: conditions ?? [],
    otherFilters: conditions ? '' : (rule.filters ?? ''),
    windowMinutes: String(rule.windowMinutes),
    condition: rule.condition,
    threshold: String(rule.threshold),
    consecutive: String(rule.consecutive),
    cooldownMinutes: String(rule.cooldownMinutes),
    channelKind: 'webhook',
    channelTarget: '',
  };
}

/**
 * The API's body for a changed rule: every field from the form (those another signal doesn't take as
 * null), its channels kept by id but those removed, and the form's channel as a new one.
 */
export function changedRuleBody(
  form: RuleForm,
  rule: AlertRule,
  removedChannels: ReadonlySet<number>,
): NewAlertRule {
  const body = newRuleBody(form);
  const metricSignal = form.signal === 'metric';
  const kept = rule.channels
    .filter(({ id }) => !removedChannels.has(id))
    .map(({ id, kind, target }) => ({ id, kind, target }));
  return {
    ...body,
    metric: metricSignal ? form.metric : null,
    filters: metricSignal ? filtersText(form) || null : null,
    goal: body.goal ?? null,
    enabled: rule.enabled,
    channels: [...kept, ...body.channels],
  };
}
