import type { CallOptions, Completion, Prompt, ProviderSettings } from './provider.js';
import { endpoint, malformed, postJson, tokens } from './provider-http.js';

interface ChatCompletionsAnswer {
  choices?: { message?: { content?: unknown } }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
}

/**
 * OpenAI's Chat Completions wire format, which OpenAI, Ollama, vLLM, LM Studio and llama.cpp's server
 * all speak: `POST {baseUrl}/chat/completions`, a bearer key where one is set. Temperature 0: a name or
 * a query object should be the same answer each time.
 */
export async function chatCompletions(
  settings: ProviderSettings,
  prompt: Prompt,
  options: CallOptions,
): Promise<Completion> {
  const url = endpoint(settings.baseUrl, 'chat/completions');
  const headers: Record<string, string> = settings.apiKey
    ? { authorization: `Bearer ${settings.apiKey}` }
    : {};
  const answer = (await postJson(
    url,
    headers,
    {
      model: settings.model,
      messages: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
      max_tokens: prompt.maxTokens,
      temperature: 0,
      ...(prompt.json ? { response_format: { type: 'json_object' } } : {}),
    },
    options,
  )) as ChatCompletionsAnswer;
  const text = answer?.choices?.[0]?.message?.content;
  if (typeof text !== 'string') throw malformed(url, 'choices[0].message.content');
  return {
    text,
    inputTokens: tokens(answer.usage?.prompt_tokens),
    outputTokens: tokens(answer.usage?.completion_tokens),
  };
}
