import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { complete } from '../src/ai/language-model.js';
import { PROVIDER_KINDS, ProviderError, type ProviderKind } from '../src/ai/provider.js';
import { LanguageModelServer } from './language-model-servers.js';

const PROMPT = { system: 'You name buttons.', user: 'A button saying "Buy"', maxTokens: 20 };
const OPTIONS = { timeoutMs: 2_000 };

/** The ProviderError `call` rejects with. */
async function providerError(call: Promise<unknown>): Promise<ProviderError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }
  assert.fail('the call succeeded');
}

for (const kind of PROVIDER_KINDS) {
  describe(`the ${kind} wire format`, () => {
    let server: LanguageModelServer;
    before(async () => {
      server = await LanguageModelServer.start(kind as ProviderKind);
    });
    after(() => server.stop());

    test('sends the prompt with the model, the key and temperature 0, and reads the text and tokens', async () => {
      server.behave = () => ({ text: 'Bought the item', inputTokens: 31, outputTokens: 4 });
      const completion = await complete(server.settings('small-model', 'sk-secret'), PROMPT, OPTIONS);
      assert.deepEqual(completion, { text: 'Bought the item', inputTokens: 31, outputTokens: 4 });
      const call = server.calls.at(-1)!;
      assert.equal(call.body.model, 'small-model');
      assert.equal(call.body.temperature, 0);
      assert.equal(call.body.max_tokens, 20);
      if (kind === 'openai') {
        assert.equal(call.headers.authorization, 'Bearer sk-secret');
        assert.deepEqual(call.body.messages, [
          { role: 'system', content: PROMPT.system },
          { role: 'user', content: PROMPT.user },
        ]);
      } else {
        assert.equal(call.headers['x-api-key'], 'sk-secret');
        assert.equal(call.headers['anthropic-version'], '2023-06-01');
        assert.equal(call.body.system, PROMPT.system);
        assert.deepEqual(call.body.messages, [{ role: 'user', content: PROMPT.user }]);
      }
    });

    test('a server error or a rate limit is worth retrying; a refused key is not', async () => {
      for (const [status, retryable] of [
        [500, true],
        [429, true],
        [529, true],
        [401, false],
        [400, false],
      ] as const) {
        server.behave = () => ({ status, body: '{"error":{"message":"no"}}' });
        const error = await providerError(complete(server.settings(), PROMPT, OPTIONS));
        assert.equal(error.status, status);
        assert.equal(error.retryable, retryable, `status ${status}`);
        assert.match(error.message, /no"/);
      }
    });

    test('garbage, a wrong shape, a dropped connection and silence are errors, never a crash', async () => {
      server.behave = () => ({ status: 200, body: '<html>oops</html>' });
      assert.equal((await providerError(complete(server.settings(), PROMPT, OPTIONS))).retryable, false);
      server.behave = () => ({ status: 200, body: '{"choices":[],"content":[]}' });
      assert.match((await providerError(complete(server.settings(), PROMPT, OPTIONS))).message, /without/);
      server.behave = () => ({ drop: true });
      assert.equal((await providerError(complete(server.settings(), PROMPT, OPTIONS))).retryable, true);
      server.behave = () => ({ hang: true });
      const timedOut = await providerError(complete(server.settings(), PROMPT, { timeoutMs: 100 }));
      assert.equal(timedOut.retryable, true);
      assert.match(timedOut.message, /no answer within 100 ms/);
    });
  });
}

test('JSON mode asks Chat Completions for a JSON object', async () => {
  const server = await LanguageModelServer.start('openai');
  try {
    server.behave = () => ({ text: '{}' });
    await complete(server.settings(), { ...PROMPT, json: true }, OPTIONS);
    assert.deepEqual(server.calls[0].body.response_format, { type: 'json_object' });
  } finally {
    await server.stop();
  }
});
