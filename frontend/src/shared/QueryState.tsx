import type { ReactNode } from 'react';
import type { QueryResult } from './useApiQuery';

interface QueryStateProps<T> {
  query: QueryResult<T>;
  /** What is loading, for the messages: "your sites", "the overview". */
  what: string;
  isEmpty?: (data: T) => boolean;
  /** Shown instead of `children` when `isEmpty` says there is nothing to show. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  /** The failure in the page's own words where it knows one (a 404 of a link to something gone), else the API's. */
  explain?: (error: Error) => string | undefined;
}

/** The one place that renders a query's loading, error and empty states, so every view shows them alike. */
export function QueryState<T>({ query, what, isEmpty, empty, children, explain }: QueryStateProps<T>) {
  if (query.error) {
    return (
      <div className="query-state query-state-error" role="alert">
        <p>
          Could not load {what}: {explain?.(query.error) ?? query.error.message}
        </p>
        <button type="button" onClick={query.retry}>
          Try again
        </button>
      </div>
    );
  }
  // A part not asked for yet (not scrolled into view): its room, without a loading state nobody is waiting on.
  if (query.notAsked) return <div className="query-state query-state-waiting" />;
  if (query.data === undefined) {
    return (
      <p className="query-state" aria-busy="true">
        Loading {what}…
      </p>
    );
  }
  // Previous data stays visible, dimmed, while the query runs again for new inputs, or until it is asked to.
  return (
    <div
      className={query.isFetching || query.isStale ? 'query-result is-refreshing' : 'query-result'}
      aria-busy={query.isFetching}
    >
      {isEmpty?.(query.data) ? (
        <div className="query-state query-state-empty">{empty}</div>
      ) : (
        children(query.data)
      )}
    </div>
  );
}

/**
 * A part whose code is still loading (a lazily loaded page or chart, as Suspense's fallback): busy like a
 * query's loading state, so nothing reads the page as drawn before it is.
 */
export function CodeLoading({ what }: { what: string }) {
  return (
    <p className="query-state" role="status" aria-busy="true">
      Loading {what}…
    </p>
  );
}
