/**
 * What calling a language model takes and gives, whichever provider serves it: a system prompt the
 * project writes and a user message, answered with text (language-model.ts sends it).
 */

/** The wire formats Sluice speaks: OpenAI's Chat Completions (OpenAI, Ollama, vLLM, LM Studio, llama.cpp server) and Anthropic's Messages. */
export const PROVIDER_KINDS = ['openai', 'anthropic'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Where and how to reach a model. */
export interface ProviderSettings {
  readonly kind: ProviderKind;
  /** Chat Completions: up to and including `/v1` (`http://localhost:11434/v1`); Messages: the host (`https://api.anthropic.com`). */
  readonly baseUrl: string;
  readonly model: string;
  /** Unset for local servers that take none. */
  readonly apiKey?: string;
}

export interface Prompt {
  readonly system: string;
  readonly user: string;
  readonly maxTokens: number;
  /** Ask for a JSON object where the wire format can say so (Chat Completions' `response_format`). */
  readonly json?: boolean;
}

export interface Completion {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * A call that failed. `retryable`: worth trying again later (the network, a timeout, 408, 409, 429,
 * 5xx — Anthropic's 529 "overloaded" too); not for a request the provider refused as it stands (a bad
 * key, an unknown model, a malformed answer).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}
