import { ProviderError, type CallOptions } from './provider.js';

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/** How much of an error body goes into the message: enough for the provider's reason, never a page. */
const ERROR_BODY_CHARS = 300;

/** `baseUrl` and `path` joined with one slash between them. */
export const endpoint = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}/${path}`;

/**
 * POSTs `body` as JSON and returns the parsed JSON answer. Every failure becomes a ProviderError that
 * says whether trying again can help; the provider's own error text is kept short in the message.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: object,
  options: CallOptions,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    const reason = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
    return Promise.reject(new ProviderError(`${url}: ${reason}`, !options.signal?.aborted));
  }
  if (!response.ok) {
    const retryable = RETRYABLE_STATUSES.has(response.status) || response.status >= 500;
    throw new ProviderError(
      `${url} answered ${response.status}: ${text.slice(0, ERROR_BODY_CHARS)}`,
      retryable,
      response.status,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError(
      `${url} answered something other than JSON: ${text.slice(0, ERROR_BODY_CHARS)}`,
      false,
    );
  }
}

/** A whole number of tokens from a usage field, 0 when the provider left it out (some local servers do). */
export const tokens = (value: unknown): number =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : 0;

/** The ProviderError for an answer that parsed but isn't the wire format's shape. */
export const malformed = (url: string, what: string): ProviderError =>
  new ProviderError(`${url} answered without ${what}`, false);
