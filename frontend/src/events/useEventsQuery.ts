import { useApiPagedQuery } from '../shared/useApiQuery';
import { fetchEvents, type EventsRequest } from './api';

/** The explorer's events, a page at a time: every input but the cursor in the key. */
export function useEventsQuery(request: EventsRequest) {
  return useApiPagedQuery(
    [
      'events',
      request.siteId,
      request.range.from,
      request.range.to,
      JSON.stringify(request.conditions),
      String(request.bots),
      request.of ? `${request.of.kind}:${request.of.value}` : '',
    ],
    (token, signal, cursor) => fetchEvents(request, { cursor }, token, signal),
    (page) => page.nextCursor,
  );
}
