import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeFunnelStep,
  DEFAULT_FUNNEL_WINDOW_SECONDS,
  encodeFunnelStep,
  MAX_FUNNEL_WINDOW_SECONDS,
  parseFunnelLink,
} from '../src';

test('a step survives the URL, colons and percent signs included', () => {
  const steps = [
    { kind: 'page' as const, match: '/pricing', propertyKey: null, propertyValue: null },
    { kind: 'event' as const, match: 'sign:up 100%', propertyKey: 'plan', propertyValue: 'pro:yearly' },
    { kind: 'event' as const, match: 'buy', propertyKey: 'coupon', propertyValue: '' },
  ];
  assert.deepEqual(steps.map(encodeFunnelStep), [
    'page:/pricing',
    'event:sign%3Aup 100%25:plan:pro%3Ayearly',
    'event:buy:coupon:',
  ]);
  assert.deepEqual(steps.map(encodeFunnelStep).map(decodeFunnelStep), steps);
  assert.equal(decodeFunnelStep('click:/x'), undefined, 'an unknown kind is no step');
  assert.equal(decodeFunnelStep('page'), undefined);
});

test('a funnel link: its readable steps in order, its window when a whole number of seconds up to 7 days, else the default', () => {
  assert.deepEqual(
    parseFunnelLink(new URLSearchParams('step=page:/&step=click:/x&step=event:signup&window=3600')),
    {
      steps: [
        { kind: 'page', match: '/', propertyKey: null, propertyValue: null },
        { kind: 'event', match: 'signup', propertyKey: null, propertyValue: null },
      ],
      window: 3600,
    },
  );
  for (const window of ['0', '1.5', String(MAX_FUNNEL_WINDOW_SECONDS + 1), 'soon', ''])
    assert.equal(
      parseFunnelLink(new URLSearchParams(`window=${window}`)).window,
      DEFAULT_FUNNEL_WINDOW_SECONDS,
      window,
    );
  assert.equal(
    parseFunnelLink(new URLSearchParams(`window=${MAX_FUNNEL_WINDOW_SECONDS}`)).window,
    MAX_FUNNEL_WINDOW_SECONDS,
  );
});
