/**
 * One call to a language model, whichever provider serves it. The naming worker and the questions box
 * both go through here, so a provider is added once (chat-completions.ts, anthropic-messages.ts) and
 * both get it.
 */
import { anthropicMessages } from './anthropic-messages.js';
import { chatCompletions } from './chat-completions.js';
import type { CallOptions, Completion, Prompt, ProviderSettings } from './provider.js';

/** Sends `prompt` to the model `settings` name and returns its answer, or throws a ProviderError. */
export function complete(
  settings: ProviderSettings,
  prompt: Prompt,
  options: CallOptions,
): Promise<Completion> {
  const call = settings.kind === 'anthropic' ? anthropicMessages : chatCompletions;
  return call(settings, prompt, options);
}
