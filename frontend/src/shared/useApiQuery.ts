import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SESSION_ENDED_NOTICE, useSession } from '../auth/session';
import { ApiError } from './api-client';

/** Every input of a query's fetcher: when any changes, the query runs again (or answers from the cache). */
export type QueryKey = readonly (string | number)[];

export interface QueryResult<T> {
  /** The latest data. While the query runs again for new inputs, the previous inputs' data stays here. */
  data: T | undefined;
  /** Why the latest run failed. */
  error: Error | undefined;
  /** True while an answer for the current inputs is on its way. */
  isFetching: boolean;
  retry(): void;
}

/**
 * TanStack Query under every feature hook: `key` must hold every input `fetcher` uses, so the cache never
 * answers one view with another's data. A request whose inputs changed meanwhile is aborted. A 401 signs
 * out, which takes the panel back to the sign-in form. With `refreshEveryMs` the answer is fetched again that
 * often while the tab is visible (a live figure), never while it is hidden.
 */
export function useApiQuery<T>(
  key: QueryKey,
  fetcher: (token: string, signal: AbortSignal) => Promise<T>,
  { refreshEveryMs }: { refreshEveryMs?: number } = {},
): QueryResult<T> {
  const { accessToken: token, user, signOut } = useSession();
  // Whose answer it is, so the next user to sign in here never sees the last one's; not the token itself:
  // a renewed token (every few minutes) is no reason to fetch again.
  return useCachedQuery(
    [user ? `user:${user.id}` : 'signed-out', ...key],
    Boolean(token),
    async (signal) => {
      try {
        return await fetcher(token ?? '', signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut(SESSION_ENDED_NOTICE);
        throw error;
      }
    },
    refreshEveryMs,
  );
}

/**
 * A query through the cache without a session (a shared link's public page), and under `useApiQuery`:
 * previous data kept while the query runs again for new inputs; `key` holds every input of `fetcher`.
 */
export function useCachedQuery<T>(
  key: QueryKey,
  enabled: boolean,
  fetcher: (signal: AbortSignal) => Promise<T>,
  refreshEveryMs?: number,
): QueryResult<T> {
  const query = useQuery({
    queryKey: key,
    enabled,
    queryFn: ({ signal }) => fetcher(signal),
    placeholderData: keepPreviousData,
    refetchInterval: refreshEveryMs ?? false,
  });
  return {
    data: query.data,
    error: query.error ?? undefined,
    isFetching: query.isFetching || query.isPlaceholderData,
    retry: () => void query.refetch(),
  };
}
