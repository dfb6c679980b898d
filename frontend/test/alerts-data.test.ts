import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { AlertFiring, AlertRule } from '../src/alerts/api.js';
import type { Condition } from '../src/reports/conditions.js';
import {
  changedRuleBody,
  deliveryLines,
  describeRule,
  EMPTY_RULE_FORM,
  newRuleBody,
  ruleForm,
} from '../src/alerts/alerts-data.js';

test('a rule in words: the metric and its window, or the ingest signal, and the condition', () => {
  const rule = {
    signal: 'metric',
    metric: 'visitors',
    windowMinutes: 60,
    condition: 'below',
    threshold: 10,
    filters: null,
  } as const;
  assert.equal(describeRule(rule), 'unique visitors over the last 60 min below 10');
  assert.equal(
    describeRule({ ...rule, metric: 'events', filters: '[]', condition: 'rises_by', threshold: 50 }),
    'events over the last 60 min up by at least 50%',
  );
  assert.equal(
    describeRule({
      ...rule,
      filters:
        '[{"dimension":"country","operator":"is","value":"DE"},{"dimension":"page","operator":"contains","value":"/blog"}]',
    }),
    'unique visitors where Country is Germany and Page contains /blog over the last 60 min below 10',
  );
  assert.equal(
    describeRule({ ...rule, filters: '[{"not":{"dimension":"country","operator":"is","value":"DE"}}]' }),
    'unique visitors (filtered) over the last 60 min below 10',
  );
  assert.equal(
    describeRule({ ...rule, signal: 'ingest_lag_seconds', metric: null, condition: 'above', threshold: 300 }),
    'ingest lag (seconds) above 300',
  );
});

test('deliveries per channel: the attempts it took, and the last error of one that failed', () => {
  const attempt = (
    channelId: number,
    n: number,
    status: 'delivered' | 'failed',
    error: string | null,
    notice: 'firing' | 'resolution' = 'firing',
  ) => ({
    channelId,
    channelKind: 'webhook' as const,
    notice,
    attempt: n,
    status,
    error,
    attemptedAt: '2026-11-20T12:00:00.000Z',
  });
  const firing: AlertFiring = {
    id: 1,
    kind: 'fire',
    value: 5,
    threshold: 3,
    firedAt: '2026-11-20T12:00:00.000Z',
    resolvedAt: null,
    deliveries: [
      attempt(3, 1, 'failed', 'the receiver answered HTTP 500'),
      attempt(4, 1, 'failed', 'timeout'),
      attempt(3, 2, 'delivered', null),
      attempt(4, 2, 'failed', 'the receiver answered HTTP 503'),
      attempt(3, 1, 'delivered', null, 'resolution'),
    ],
  };
  assert.deepEqual(deliveryLines(firing), [
    'webhook #3: delivered after 2 attempts',
    'webhook #4: failed after 2 attempts: the receiver answered HTTP 503',
    'webhook #3, resolution: delivered after 1 attempt',
  ]);
});

test("the form's body: numbers from text, a metric's fields only for the metric signal, no channel without a target", () => {
  const form = {
    ...EMPTY_RULE_FORM,
    name: 'Quiet',
    threshold: '5',
    filters: [{ dimension: 'country', operator: 'is_not', value: 'DE' } as Condition],
    channelTarget: ' https://h.test/x ',
  };
  assert.deepEqual(newRuleBody(form), {
    name: 'Quiet',
    signal: 'metric',
    metric: 'visitors',
    filters: '[{"dimension":"country","operator":"is_not","value":"DE"}]',
    windowMinutes: 60,
    condition: 'below',
    threshold: 5,
    consecutive: 2,
    cooldownMinutes: 60,
    enabled: true,
    channels: [{ kind: 'webhook', target: 'https://h.test/x' }],
  });
  assert.deepEqual(newRuleBody({ ...form, signal: 'ingest_lag_seconds', channelTarget: '' }), {
    name: 'Quiet',
    signal: 'ingest_lag_seconds',
    windowMinutes: 60,
    condition: 'below',
    threshold: 5,
    consecutive: 2,
    cooldownMinutes: 60,
    enabled: true,
    channels: [],
  });
});

test('a goal is sent only with a goal metric', () => {
  const form = { ...EMPTY_RULE_FORM, name: 'Converts', threshold: '2', goal: '7' };
  assert.equal(newRuleBody(form).goal, undefined);
  assert.equal(newRuleBody({ ...form, metric: 'conversion_rate' }).goal, 7);
});

test("a changed rule: the form starts from the rule; kept channels by id, removed ones left out, the new one added, another signal's fields null", () => {
  const rule: AlertRule = {
    id: 4,
    siteId: 1,
    name: 'Errors',
    signal: 'metric',
    metric: 'events',
    filters: '[{"dimension":"event_name","operator":"is","value":"$error"}]',
    goal: null,
    windowMinutes: 10,
    condition: 'above',
    threshold: 20,
    consecutive: 3,
    cooldownMinutes: 30,
    enabled: false,
    state: 'ok',
    lastValue: null,
    lastEvaluatedAt: null,
    lastFiredAt: null,
    channels: [
      { id: 8, kind: 'webhook', target: 'https://h.test/a' },
      { id: 9, kind: 'email', target: 'ops@shop.test' },
    ],
    createdAt: '2026-11-20T12:00:00.000Z',
  };
  const form = ruleForm(rule);
  assert.deepEqual(form, {
    name: 'Errors',
    signal: 'metric',
    metric: 'events',
    goal: '',
    filters: [{ dimension: 'event_name', operator: 'is', value: '$error' }],
    otherFilters: '',
    windowMinutes: '10',
    condition: 'above',
    threshold: '20',
    consecutive: '3',
    cooldownMinutes: '30',
    channelKind: 'webhook',
    channelTarget: '',
  });
  assert.deepEqual(
    changedRuleBody(
      { ...form, threshold: '25', channelKind: 'slack', channelTarget: 'https://h.test/s' },
      rule,
      new Set([9]),
    ),
    {
      name: 'Errors',
      signal: 'metric',
      metric: 'events',
      filters: rule.filters,
      goal: null,
      windowMinutes: 10,
      condition: 'above',
      threshold: 25,
      consecutive: 3,
      cooldownMinutes: 30,
      enabled: false,
      channels: [
        { id: 8, kind: 'webhook', target: 'https://h.test/a' },
        { kind: 'slack', target: 'https://h.test/s' },
      ],
    },
  );
  assert.deepEqual(
    (({ metric, filters, goal }) => ({ metric, filters, goal }))(
      changedRuleBody({ ...form, signal: 'ingest_lag_seconds' }, rule, new Set()),
    ),
    { metric: null, filters: null, goal: null },
  );
});

test('filters set through the API that the form cannot show as conditions are kept as they are, until removed', () => {
  const group =
    '[{"or":[{"dimension":"country","operator":"is","value":"DE"},{"dimension":"device","operator":"is","value":"mobile"}]}]';
  const form = ruleForm({
    id: 5,
    siteId: 1,
    name: 'Grouped',
    signal: 'metric',
    metric: 'visitors',
    filters: group,
    goal: null,
    windowMinutes: 60,
    condition: 'below',
    threshold: 1,
    consecutive: 2,
    cooldownMinutes: 60,
    enabled: true,
    state: 'ok',
    lastValue: null,
    lastEvaluatedAt: null,
    lastFiredAt: null,
    channels: [],
    createdAt: '2026-11-20T12:00:00.000Z',
  });
  assert.deepEqual([form.filters, form.otherFilters], [[], group]);
  assert.equal(newRuleBody(form).filters, group);
  assert.equal(newRuleBody({ ...form, otherFilters: '' }).filters, undefined);
});
