import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { AlertFiring } from '../src/alerts/api.js';
import { deliveryLines, describeRule, EMPTY_RULE_FORM, newRuleBody } from '../src/alerts/alerts-data.js';

test('a rule in words: the metric and its window, or the ingest signal, and the condition', () => {
  const rule = {
    signal: 'metric',
    metric: 'visitors',
    windowMinutes: 60,
    condition: 'below',
    threshold: 10,
    filters: null,
  } as const;
  assert.equal(describeRule(rule), 'visitors over the last 60 min below 10');
  assert.equal(
    describeRule({ ...rule, metric: 'events', filters: '[]', condition: 'rises_by', threshold: 50 }),
    'events (filtered) over the last 60 min up by at least 50%',
  );
  assert.equal(
    describeRule({ ...rule, signal: 'ingest_lag_seconds', metric: null, condition: 'above', threshold: 300 }),
    'ingest lag (seconds) above 300',
  );
});

test('deliveries per channel: the attempts it took, and the last error of one that failed', () => {
  const attempt = (channelId: number, n: number, status: 'delivered' | 'failed', error: string | null) => ({
    channelId,
    channelKind: 'webhook' as const,
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
    ],
  };
  assert.deepEqual(deliveryLines(firing), [
    'webhook #3: delivered after 2 attempts',
    'webhook #4: failed after 2 attempts: the receiver answered HTTP 503',
  ]);
});

test("the form's body: numbers from text, a metric's fields only for the metric signal, no channel without a target", () => {
  const form = {
    ...EMPTY_RULE_FORM,
    name: 'Quiet',
    threshold: '5',
    filters: ' [] ',
    channelTarget: ' https://h.test/x ',
  };
  assert.deepEqual(newRuleBody(form), {
    name: 'Quiet',
    signal: 'metric',
    metric: 'visitors',
    filters: '[]',
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
