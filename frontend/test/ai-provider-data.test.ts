import assert from 'node:assert/strict';
import { test } from 'vitest';
import { changeOf, formOf } from '../src/ai/ai-provider-data.js';

const STORED = {
  configured: true,
  kind: 'anthropic' as const,
  baseUrl: 'https://api.anthropic.com',
  model: 'claude-test',
  apiKeySet: true,
  namingEnabled: false,
  dailyCallBudget: 40,
  updatedAt: '2026-12-01T08:00:00.000Z',
};

test('the form starts from the stored settings, without the key; none stored: OpenAI-compatible, naming on', () => {
  assert.deepEqual(formOf(STORED), {
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    model: 'claude-test',
    apiKey: '',
    removeKey: false,
    namingEnabled: false,
    dailyCallBudget: '40',
  });
  assert.deepEqual(
    formOf({ configured: false, apiKeySet: false, namingEnabled: false, dailyCallBudget: 500 }),
    {
      kind: 'openai',
      baseUrl: '',
      model: '',
      apiKey: '',
      removeKey: false,
      namingEnabled: true,
      dailyCallBudget: '500',
    },
  );
});

test('saving sends the key only when typed or removed, so an untouched key field keeps the stored one', () => {
  const form = { ...formOf(STORED), baseUrl: ' https://api.anthropic.com ', dailyCallBudget: '12' };
  assert.deepEqual(changeOf(form), {
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    model: 'claude-test',
    namingEnabled: false,
    dailyCallBudget: 12,
  });
  assert.equal(changeOf({ ...form, apiKey: 'sk-new' }).apiKey, 'sk-new');
  assert.equal(changeOf({ ...form, apiKey: 'sk-new', removeKey: true }).apiKey, null);
  assert.equal('dailyCallBudget' in changeOf({ ...form, dailyCallBudget: ' ' }), false);
});
