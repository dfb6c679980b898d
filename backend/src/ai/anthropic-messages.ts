import type { CallOptions, Completion, Prompt, ProviderSettings } from './provider.js';
import { endpoint, malformed, postJson, tokens } from './provider-http.js';

/** The Messages API version this client was written against (sent on every call, as Anthropic requires). */
const ANTHROPIC_VERSION = '2023-06-01';

interface MessagesAnswer {
  content?: { type?: unknown; text?: unknown }[];
  usage?: { input_tokens?: unknown; output_tokens?: unknown };
}

/**
 * Anthropic's Messages wire format: `POST {baseUrl}/v1/messages` with `x-api-key` and
 * `anthropic-version`; the system prompt is a field of its own, and the answer is the text blocks of
 * `content` joined. Temperature 0, as for Chat Completions.
 */
export async function anthropicMessages(
  settings: ProviderSettings,
  prompt: Prompt,
  options: CallOptions,
): Promise<Completion> {
  const url = endpoint(settings.baseUrl, 'v1/messages');
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  if (settings.apiKey) headers['x-api-key'] = settings.apiKey;
  const answer = (await postJson(
    url,
    headers,
    {
      model: settings.model,
      system: prompt.system,
      messages: [{ role: 'user', content: prompt.user }],
      max_tokens: prompt.maxTokens,
      temperature: 0,
    },
    options,
  )) as MessagesAnswer;
  const blocks = Array.isArray(answer?.content)
    ? answer.content.filter((block) => block?.type === 'text')
    : [];
  if (blocks.length === 0 || blocks.some((block) => typeof block.text !== 'string')) {
    throw malformed(url, 'a text block in content');
  }
  return {
    text: blocks.map((block) => block.text as string).join(''),
    inputTokens: tokens(answer.usage?.input_tokens),
    outputTokens: tokens(answer.usage?.output_tokens),
  };
}
