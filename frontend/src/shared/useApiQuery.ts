import { useEffect, useState } from 'react';
import { SESSION_ENDED_NOTICE, useSession } from '../auth/session';
import { ApiError } from './api-client';

/** Every input of a query's fetcher: when any changes, the query runs again. */
export type QueryKey = readonly (string | number)[];

export interface QueryResult<T> {
  /** The latest data. While the query runs again for new inputs, the previous inputs' data stays here. */
  data: T | undefined;
  /** Why the latest run failed; cleared when it runs again. */
  error: Error | undefined;
  /** True from a change of inputs (or a retry) until its answer arrives. */
  isFetching: boolean;
  retry(): void;
}

/**
 * Runs `fetcher` with the access token whenever `key` changes, so `key` must hold every input `fetcher` uses. An
 * answer that arrives after the inputs changed again is discarded (the request is aborted). A 401 signs out,
 * which takes the panel back to the sign-in form.
 */
export function useApiQuery<T>(
  key: QueryKey,
  fetcher: (token: string, signal: AbortSignal) => Promise<T>,
): QueryResult<T> {
  const { accessToken: token, signOut } = useSession();
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{ requestKey: string; data?: T; error?: Error }>();
  // Not the token itself: a renewed token (every few minutes) is no reason to fetch again.
  const requestKey = JSON.stringify([token ? 'signed-in' : '', attempt, ...key]);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    fetcher(token, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ requestKey, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) signOut(SESSION_ENDED_NOTICE);
        else setSettled({ requestKey, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
    // `requestKey` holds whether there is a token and every input of `fetcher` (see above): it alone decides when to run again.
  }, [requestKey]);

  const isCurrent = settled?.requestKey === requestKey;
  return {
    data: settled?.data,
    error: isCurrent ? settled.error : undefined,
    isFetching: !isCurrent,
    retry: () => setAttempt((count) => count + 1),
  };
}
