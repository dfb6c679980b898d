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

/** GETs `/api{path}` with the access token. Resolves to the JSON body, or rejects with an ApiError. */
export function apiGet<T>(path: string, token: string, signal: AbortSignal): Promise<T> {
  return apiRequest<T>('GET', path, { token, signal });
}

/**
 * Calls `/api{path}`. The session cookie goes along (same origin); the CSRF header marks the call as the
 * panel's own, which the cookie-authenticated routes (refresh, logout) require.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'x-sluice-csrf': '1' };
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
    throw new ApiError(
      UNREACHABLE,
      'UNREACHABLE',
      'The Sluice API did not answer. Check your connection and that Sluice is running, then try again.',
    );
  }
  if (!response.ok) throw await errorOf(response);
  // The backend's response types are its contract with this panel (see each feature's api.ts).
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message);
  // Not the backend's JSON: the edge answered for it, typically 502 while the backend is down.
  return new ApiError(
    response.status,
    'HTTP_ERROR',
    `The Sluice API answered HTTP ${response.status}. Check that the backend is running (its log is in data/logs), then try again.`,
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
