import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  conditionLabel,
  operatorsOf,
  parseCondition,
  plainConditions,
  TYPED_DIMENSIONS,
  withCondition,
  writeCondition,
  type Condition,
} from '../src/reports/conditions.js';
import { valueLabel } from '../src/reports/dimension-labels.js';

test('a condition survives its link: `is` in the short form, any other operator between dimension and value', () => {
  const conditions: Condition[] = [
    { dimension: 'country', operator: 'is', value: 'DE' },
    { dimension: 'page', operator: 'matches', value: '/blog/**' },
    { dimension: 'referrer', operator: 'contains', value: 'https://x.test/a:b' },
    // A value that would read as an operator is written in the long form.
    { dimension: 'utm_campaign', operator: 'is', value: 'contains:sale' },
    { dimension: 'referrer_source', operator: 'is_not', value: '' },
  ];
  const written = conditions.map(writeCondition);
  assert.deepEqual(written, [
    'country:DE',
    'page:matches:/blog/**',
    'referrer:contains:https://x.test/a:b',
    'utm_campaign:is:contains:sale',
    'referrer_source:is_not:',
  ]);
  assert.deepEqual(written.flatMap(parseCondition), conditions);
});

test('a link condition on a dimension the contract lacks, or with an operator its dimension does not take, is left out', () => {
  assert.deepEqual(parseCondition('planet:Mars'), []);
  assert.deepEqual(parseCondition('nocolon'), []);
  assert.deepEqual(parseCondition(':DE'), []);
  assert.deepEqual(parseCondition('country:contains:D'), [], 'a country is compared whole');
  assert.deepEqual(operatorsOf('country'), ['is', 'is_not']);
  assert.deepEqual(operatorsOf('page'), ['is', 'is_not', 'contains', 'does_not_contain', 'matches']);
  assert.deepEqual(operatorsOf('planet'), []);
  assert.equal((TYPED_DIMENSIONS as string[]).includes('element'), false, 'a fingerprint is not typed');
});

test('conditions in words, and one added twice is there once', () => {
  assert.deepEqual(
    [
      { dimension: 'country', operator: 'is_not', value: 'DE' },
      { dimension: 'referrer_source', operator: 'is', value: '' },
      { dimension: 'channel', operator: 'is', value: 'ai' },
      { dimension: 'page', operator: 'does_not_contain', value: '/admin' },
    ].map((condition) => conditionLabel(condition as Condition)),
    [
      'Country is not Germany',
      'Source is Direct / none',
      'Channel is AI assistants',
      'Page does not contain /admin',
    ],
  );
  const one: Condition = { dimension: 'page', operator: 'contains', value: '/blog' };
  assert.deepEqual(withCondition([one], { ...one }), [one]);
  assert.equal(withCondition([one], { ...one, operator: 'is' }).length, 2);
});

test('a stored filter list: its conditions when plain, nothing a list of conditions cannot show', () => {
  assert.deepEqual(plainConditions('[{"dimension":"country","operator":"is_not","value":"DE"}]'), [
    { dimension: 'country', operator: 'is_not', value: 'DE' },
  ]);
  assert.deepEqual(plainConditions('[]'), []);
  for (const other of [
    '[{"or":[{"dimension":"country","operator":"is","value":"DE"}]}]',
    '[{"dimension":"country","operator":"one_of","values":["DE","FR"]}]',
    '[{"dimension":"country","operator":"contains","value":"D"}]',
    '{"dimension":"country","operator":"is","value":"DE"}',
    'not json',
  ])
    assert.equal(plainConditions(other), undefined, other);
});

test('codes and built-in events read as names, in the reader’s locale; anything else as it is', () => {
  assert.deepEqual(
    [
      valueLabel('country', 'DE', 'en-US'),
      valueLabel('country', 'DE', 'de-DE'),
      valueLabel('country', 'not a code', 'en-US'),
      valueLabel('country', '', 'en-US'),
      valueLabel('language', 'pt-BR', 'en-US'),
      valueLabel('device', 'mobile', 'en-US'),
      valueLabel('page', '/de', 'en-US'),
      valueLabel('event_name', '$outbound'),
      valueLabel('event_name', 'signup'),
      valueLabel('event_name', 'constructor'),
      valueLabel('channel', 'toString'),
    ],
    [
      'Germany',
      'Deutschland',
      'not a code',
      '(not set)',
      'Brazilian Portuguese',
      'Mobile',
      '/de',
      'Outbound link click',
      'signup',
      'constructor',
      'toString',
    ],
  );
});
