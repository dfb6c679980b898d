import createClient from 'openapi-fetch';
import type { paths } from '../api/schema.js';

/** A failed API call: the API's own error (`{ statusCode, code, message }`) or a failure to reach it at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The status of an answer with no HTTP status: the request never got one. */
const UNREACHABLE = 0;

const CSRF_HEADER = { 'x-sluice-csrf': '1' };

/**
 * The typed client: every path, parameter and answer comes from the backend's OpenAPI description
 * (src/api/schema.d.ts, generated). Paths start with `/api/` as the description has them.
 */
export const api = createClient<paths>({ credentials: 'same-origin', headers: CSRF_HEADER });

/** The headers and signal of a read with the access token. */
export const authorized = (token: string, signal: AbortSignal) => ({
  headers: { authorization: `Bearer ${token}` },
  signal,
});

/** A typed call's data, or an ApiError: the API's own, or "unreachable" when no answer came. */
export async function dataOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  signal?: AbortSignal,
): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreachable();
  }
  if (!answer.response.ok) throw errorOf(answer.response.status, answer.error);
  return answer.data as T;
}

/**
 * Calls `/api{path}`. The session cookie goes along (same origin); the CSRF header marks the call as the
 * panel's own, which the cookie-authenticated routes (refresh, logout) require.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...CSRF_HEADER };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreachable();
  }
  if (!response.ok) throw errorOf(response.status, await response.json().catch(() => undefined));
  // The backend's response types are its contract with this panel (see each feature's api.ts).
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const unreachable = () =>
  new ApiError(
    UNREACHABLE,
    'UNREACHABLE',
    'The Sluice API did not answer. Check your connection and that Sluice is running, then try again.',
  );

function errorOf(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.code, body.message);
  // Not the backend's JSON: the edge answered for it, typically 502 while the backend is down.
  return new ApiError(
    status,
    'HTTP_ERROR',
    `The Sluice API answered HTTP ${status}. Check that the backend is running (its log is in data/logs), then try again.`,
  );
}

function isErrorBody(body: unknown): body is { code: string; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string' &&
    'message' in body &&
    typeof body.message === 'string'
  );
}
