import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { SESSION_ENDED_NOTICE, useSession } from '../auth/session';
import { ApiError } from './api-client';

/** Every input of a query's fetcher: when any changes, the query runs again (or answers from the cache). */
export type QueryKey = readonly (string | number)[];

export interface QueryResult<T> {
  /** The latest data. While the query runs again for new inputs, the previous inputs' data stays here. */
  data: T | undefined;
  /** Why the latest run failed. */
  error: Error | undefined;
  /**
   * True while an answer for the current inputs is on its way; for a query read again on a schedule, only while
   * the first answer for new inputs is (its scheduled runs change the same view in place, not dimmed).
   */
  isFetching: boolean;
  /** True while the query is not enabled, has no answer and none on its way: nothing is asked, nothing loading. */
  notAsked?: boolean;
  /**
   * True while the query is not enabled and `data` is an earlier view's (a card out of view after a filter
   * change): shown dimmed, not loading, until it is enabled and asked again.
   */
  isStale?: boolean;
  retry(): void;
}

/** How often a live answer is fetched again: every so many ms, or as often as its latest answer says. */
export type Refresh<T> = number | ((latest: T | undefined) => number | undefined);

/**
 * TanStack Query under every feature hook: `key` must hold every input `fetcher` uses, so the cache never
 * answers one view with another's data. A request whose inputs changed meanwhile is aborted. A 401 signs
 * out, which takes the panel back to the sign-in form. With `refreshEveryMs` the answer is fetched again that
 * often while the tab is visible (a live figure), never while it is hidden; as a function of the latest answer,
 * as often as it says (undefined: not again).
 */
export function useApiQuery<T>(
  key: QueryKey,
  fetcher: (token: string, signal: AbortSignal) => Promise<T>,
  {
    refreshEveryMs,
    enabled = true,
  }: {
    refreshEveryMs?: Refresh<T>;
    /** False: not asked (a card out of view); it runs for its current inputs once true. */
    enabled?: boolean;
  } = {},
): QueryResult<T> {
  const session = useSessionQuery(key);
  return useCachedQuery(
    session.queryKey,
    session.enabled && enabled,
    (signal) => session.fetch((token) => fetcher(token, signal)),
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
  refreshEveryMs?: Refresh<T>,
): QueryResult<T> {
  const query = useQuery({
    queryKey: key,
    enabled,
    queryFn: ({ signal }) => fetcher(signal),
    placeholderData: keepPreviousData,
    refetchInterval:
      typeof refreshEveryMs === 'function'
        ? ({ state }) => refreshEveryMs(state.data) ?? false
        : (refreshEveryMs ?? false),
  });
  return {
    data: query.data,
    error: query.error ?? undefined,
    isFetching: (query.isFetching && !refreshEveryMs) || (query.isPlaceholderData && enabled),
    // A query asked and then disabled (its card scrolled out before the answer) is still loading.
    notAsked: !enabled && query.data === undefined && !query.isFetching,
    isStale: !enabled && query.isPlaceholderData,
    retry: () => void query.refetch(),
  };
}

/** A list read a page at a time: the pages loaded so far, and a way to load the next one. */
export interface PagedQueryResult<T> extends QueryResult<T[]> {
  hasMore: boolean;
  /** True while the next page is on its way (the pages loaded so far stay). */
  isFetchingMore: boolean;
  /** Why the next page failed to load; the pages loaded so far stay. */
  moreError: Error | undefined;
  fetchMore(): void;
}

/**
 * `useApiQuery` for an API that answers a page at a time with a cursor to the next (`nextCursor`): the
 * first page runs as any query; `fetchMore` appends the next, keeping those loaded. The cursors are this
 * hook's own, not inputs: the key holds every input but them.
 */
export function useApiPagedQuery<T>(
  key: QueryKey,
  fetcher: (token: string, signal: AbortSignal, cursor: string | undefined) => Promise<T>,
  nextCursor: (page: T) => string | null,
): PagedQueryResult<T> {
  const session = useSessionQuery(key);
  const query = useInfiniteQuery({
    queryKey: session.queryKey,
    enabled: session.enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) => session.fetch((token) => fetcher(token, signal, pageParam)),
    getNextPageParam: (page) => nextCursor(page) ?? undefined,
    placeholderData: keepPreviousData,
  });
  // A failure of a later page leaves the first ones on screen: it is the next page's error, not the list's.
  const failedMore = query.isFetchNextPageError;
  return {
    data: query.data?.pages,
    error: failedMore ? undefined : (query.error ?? undefined),
    isFetching: (query.isFetching && !query.isFetchingNextPage) || query.isPlaceholderData,
    retry: () => void query.refetch(),
    hasMore: query.hasNextPage,
    isFetchingMore: query.isFetchingNextPage,
    moreError: failedMore ? (query.error ?? undefined) : undefined,
    fetchMore: () => void query.fetchNextPage(),
  };
}

/**
 * What every API query shares: the key begins with whose answer it is, so the next user to sign in here
 * never sees the last one's (not the token itself: a renewed token, every few minutes, is no reason to fetch
 * again); it runs only with a token; a 401 signs out.
 */
function useSessionQuery(key: QueryKey) {
  const { accessToken: token, user, signOut } = useSession();
  return {
    queryKey: [user ? `user:${user.id}` : 'signed-out', ...key],
    enabled: Boolean(token),
    async fetch<T>(run: (token: string) => Promise<T>): Promise<T> {
      try {
        return await run(token ?? '');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut(SESSION_ENDED_NOTICE);
        throw error;
      }
    },
  };
}
