import { QueryClient } from '@tanstack/react-query';

/**
 * The panel's one query cache. A failed request is not retried behind the user's back: the error shows at
 * once with "Try again" (QueryState). Answers stay fresh for a minute, so going back to a view shows it
 * at once without asking again.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false } },
});
