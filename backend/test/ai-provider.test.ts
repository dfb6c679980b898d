import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type request from 'supertest';
import { GENERATED_SECRET_FILE } from '../src/ai/provider-key-secret.js';
import { ProviderSettingsService } from '../src/ai/provider-settings.service.js';
import { newSignedInUser, startSignedInApp, type TestStores } from './harness.js';
import { LanguageModelServer } from './language-model-servers.js';

const API_KEY = 'sk-test-very-secret-key-0123456789';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let openai: LanguageModelServer;
let anthropic: LanguageModelServer;

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  openai = await LanguageModelServer.start('openai');
  anthropic = await LanguageModelServer.start('anthropic');
});
after(async () => {
  await openai?.stop();
  await anthropic?.stop();
  await stop?.();
});

const as = (method: 'get' | 'put' | 'post' | 'delete', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

/** Everything the metadata database holds of the provider, as text. */
const rawRows = async () => JSON.stringify(await app.get(DataSource).query('SELECT * FROM ai_provider'));

describe('the AI provider settings', () => {
  test('unconfigured at first: no provider for the worker, nothing to show', async () => {
    assert.equal(await app.get(ProviderSettingsService).current(), undefined);
    assert.deepEqual((await as('get', '/ai/provider').expect(200)).body, {
      configured: false,
      apiKeySet: false,
      namingEnabled: false,
      dailyCallBudget: 500,
    });
  });

  test('an owner sets them: the key sealed at rest, never answered, kept when not resent, audited', async () => {
    const { body: saved } = await as('put', '/ai/provider')
      .send({ kind: 'openai', baseUrl: openai.baseUrl, model: 'gpt-test', apiKey: API_KEY })
      .expect(200);
    assert.deepEqual(
      { ...saved, updatedAt: typeof saved.updatedAt },
      {
        configured: true,
        kind: 'openai',
        baseUrl: openai.baseUrl,
        model: 'gpt-test',
        apiKeySet: true,
        namingEnabled: true,
        dailyCallBudget: 500,
        updatedAt: 'string',
      },
    );
    const raw = await rawRows();
    assert.ok(raw.includes('gpt-test'), raw);
    assert.ok(!raw.includes(API_KEY) && !raw.includes('very-secret'), 'the key is stored in clear');
    assert.deepEqual(await app.get(ProviderSettingsService).current(), {
      kind: 'openai',
      baseUrl: openai.baseUrl,
      model: 'gpt-test',
      apiKey: API_KEY,
    });

    // The generated secret is the backend's alone, in its data folder.
    const secretFile = join(stores.env.BACKEND_DATA_DIR, GENERATED_SECRET_FILE);
    assert.equal(statSync(secretFile).mode & 0o777, 0o600);
    assert.ok(!raw.includes(readFileSync(secretFile, 'utf8')));

    // Switched to another model without resending the key: the key stays.
    await as('put', '/ai/provider')
      .send({ kind: 'openai', baseUrl: openai.baseUrl, model: 'gpt-other', dailyCallBudget: 20 })
      .expect(200);
    assert.equal((await app.get(ProviderSettingsService).current())?.apiKey, API_KEY);
    const { body: viewed } = await as('get', '/ai/provider').expect(200);
    assert.equal(viewed.apiKeySet, true);
    assert.equal(viewed.dailyCallBudget, 20);
    assert.ok(!JSON.stringify(viewed).includes(API_KEY));

    const { body: entries } = await as('get', '/audit?limit=2').expect(200);
    assert.ok(!JSON.stringify(entries).includes(API_KEY), 'the key is in the audit log');
    assert.deepEqual(
      (entries as Array<{ action: string; details: { model: string; apiKey: string } }>).map(
        ({ action, details }) => [action, details.model, details.apiKey],
      ),
      [
        ['ai.provider.update', 'gpt-other', 'kept'],
        ['ai.provider.update', 'gpt-test', 'replaced'],
      ],
    );
  });

  test('test connection: ok with the model and latency, or the provider’s error; never a 5xx', async () => {
    openai.behave = () => ({ text: 'OK' });
    const before = openai.calls.length;
    const { body: ok } = await as('post', '/ai/provider/test').send({}).expect(200);
    assert.deepEqual(
      { ...ok, latencyMs: typeof ok.latencyMs },
      { ok: true, model: 'gpt-other', latencyMs: 'number' },
    );
    assert.equal(openai.calls.length, before + 1);
    assert.equal(openai.calls.at(-1)?.headers.authorization, `Bearer ${API_KEY}`);

    openai.behave = () => ({ status: 401, body: '{"error":{"message":"Incorrect API key provided"}}' });
    const { body: refused } = await as('post', '/ai/provider/test').send({}).expect(200);
    assert.equal(refused.ok, false);
    assert.match(refused.error, /answered 401: .*Incorrect API key provided/);

    // Another provider tried before switching to it: the stored one is untouched.
    anthropic.behave = () => ({ text: 'OK' });
    const { body: tried } = await as('post', '/ai/provider/test')
      .send({ kind: 'anthropic', baseUrl: anthropic.baseUrl, model: 'claude-test', apiKey: null })
      .expect(200);
    assert.equal(tried.ok, true);
    assert.equal(anthropic.calls.at(-1)?.headers['x-api-key'], undefined);
    assert.equal((await app.get(ProviderSettingsService).current())?.model, 'gpt-other');

    // Nothing listens there: the network's failure is an answer too.
    const { body: down } = await as('post', '/ai/provider/test')
      .send({ baseUrl: 'http://127.0.0.1:9/v1' })
      .expect(200);
    assert.equal(down.ok, false);
    assert.match(down.error, /^http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions: /);
  });

  test('bad input: 400 naming the field and the rule', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ kind: 'gemini', baseUrl: openai.baseUrl, model: 'm' }, /^kind must be one of openai, anthropic$/],
      [{ kind: 'openai', baseUrl: 'ftp://x', model: 'm' }, /^baseUrl must be an http\(s\) URL/],
      [
        { kind: 'openai', baseUrl: 'http://user:pw@host/v1', model: 'm' },
        /^baseUrl must be an http\(s\) URL/,
      ],
      [{ kind: 'openai', baseUrl: openai.baseUrl, model: 'two words' }, /^model must be 1 to 200 characters/],
      [
        { kind: 'openai', baseUrl: openai.baseUrl, model: 'm', dailyCallBudget: -1 },
        /^dailyCallBudget must be/,
      ],
      [
        { kind: 'openai', baseUrl: openai.baseUrl, model: 'm', namingEnabled: 'yes' },
        /^namingEnabled must be/,
      ],
    ];
    for (const [body, message] of cases) {
      const { body: error } = await as('put', '/ai/provider').send(body).expect(400);
      assert.equal(error.code, 'validation_failed');
      assert.match(error.message, message);
    }
  });

  test('admins and viewers see whether AI is configured, never the key; only owners change or test it', async () => {
    const admin = await newSignedInUser(http, token, { email: 'ai-admin@shop.test', role: 'admin' });
    const viewer = await newSignedInUser(http, token, { email: 'ai-viewer@shop.test', role: 'viewer' });
    for (const bearer of [admin, viewer]) {
      const { body } = await as('get', '/ai/provider', bearer).expect(200);
      assert.equal(body.configured, true);
      assert.equal(body.apiKeySet, true);
      assert.ok(!JSON.stringify(body).includes(API_KEY));
      await as('put', '/ai/provider', bearer)
        .send({ kind: 'openai', baseUrl: openai.baseUrl, model: 'stolen' })
        .expect(403);
      await as('post', '/ai/provider/test', bearer).send({}).expect(403);
      await as('delete', '/ai/provider', bearer).expect(403);
    }
    assert.equal((await app.get(ProviderSettingsService).current())?.model, 'gpt-other');
  });

  test('removed by an owner: no provider, the key gone from the database', async () => {
    await as('delete', '/ai/provider').expect(204);
    assert.equal(await app.get(ProviderSettingsService).current(), undefined);
    assert.equal(await rawRows(), '[]');
    const { body } = await as('post', '/ai/provider/test').send({}).expect(400);
    assert.match(body.message, /^kind, baseUrl and model: must be given/);
  });
});
