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

/** GETs `/api{path}` with the API token. Resolves to the JSON body, or rejects with an ApiError. */
export async function apiGet<T>(path: string, token: string, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(
      UNREACHABLE,
      'UNREACHABLE',
      'The Sluice API did not answer. Check your connection and that Sluice is running, then try again.',
    );
  }
  if (!response.ok) throw await errorOf(response);
  // The backend's response types are its contract with this panel (see each feature's api.ts).
  return (await response.json()) as T;
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
