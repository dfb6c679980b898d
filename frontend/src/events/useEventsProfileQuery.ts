import { useApiQuery } from '../shared/useApiQuery';
import { fetchEventsProfile } from './api';
import type { EventsRequest } from './api';
import type { EventsOf } from './events-data';

/** Whose events the explorer shows, summed up: their figures and newest visits over its days. */
export const useEventsProfileQuery = (
  request: Pick<EventsRequest, 'siteId' | 'range' | 'bots'> & { of: EventsOf },
) =>
  useApiQuery(
    [
      'events-profile',
      request.siteId,
      request.range.from,
      request.range.to,
      request.bots ? 1 : 0,
      request.of.kind,
      request.of.value,
    ],
    (token, signal) => fetchEventsProfile(request, token, signal),
  );
