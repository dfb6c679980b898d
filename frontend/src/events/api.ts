import type { Schemas } from '../api/schemas.js';
import type { DateRange } from '../date-range/date-range.js';
import { api, authorized, dataOf } from '../shared/api-client.js';
import type { Condition } from '../reports/conditions.js';
import type { EventsOf } from './events-data.js';

/** `GET /api/sites/:id/events`: a page of raw events, newest first, and the cursor to the older ones. */
export type EventsPage = Schemas['EventsPageDto'];
/** One stored event: every field of the event contract. */
export type StoredEvent = Schemas['EventDto'];

/** What the explorer asks for: no comparison (the route takes none), its own conditions beside the filter bar's. */
export interface EventsRequest {
  siteId: number;
  range: DateRange;
  /** Every condition an event must meet: the filter bar's and the explorer's own. */
  conditions: Condition[];
  /** Include the rows the edge flagged as bots. */
  bots: boolean;
  /** Only one visit's, visitor's or user's events. */
  of?: EventsOf;
}

/** Events a page: enough to scan, few enough that "Older events" stays quick. */
export const EVENTS_PAGE_SIZE = 50;

const eventsQuery = ({ range, conditions, bots, of }: EventsRequest) => ({
  from: range.from,
  to: range.to,
  ...(conditions.length > 0 && { filters: JSON.stringify(conditions) }),
  ...(bots && { bots: true }),
  ...(of && { [of.kind]: of.value }),
});

/** A page of events: the first, or the one after `cursor`; `limit` of them (a page of the explorer's size). */
export const fetchEvents = (
  request: EventsRequest,
  { cursor, limit = EVENTS_PAGE_SIZE }: { cursor?: string; limit?: number },
  token: string,
  signal: AbortSignal,
) =>
  dataOf(
    api.GET('/api/sites/{siteId}/events', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: { ...eventsQuery(request), limit, ...(cursor && { cursor }) },
      },
    }),
    signal,
  );

/** Every event the filters keep, as a CSV file (`format=csv`), not only the pages loaded. */
export const fetchEventsCsv = (request: EventsRequest, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/sites/{siteId}/events', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { siteId: request.siteId }, query: { ...eventsQuery(request), format: 'csv' } },
      parseAs: 'blob',
    }),
  );

/** `GET /api/sites/:id/events/profile`: a visit's, visitor's or user's figures and newest visits. */
export type EventsProfile = Schemas['EventsProfileDto'];
export type ProfileVisit = Schemas['ProfileVisitDto'];

export const fetchEventsProfile = (
  request: Pick<EventsRequest, 'siteId' | 'range' | 'bots'> & { of: EventsOf },
  token: string,
  signal: AbortSignal,
) =>
  dataOf(
    api.GET('/api/sites/{siteId}/events/profile', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: {
          from: request.range.from,
          to: request.range.to,
          ...(request.bots && { bots: true }),
          [request.of.kind]: request.of.value,
        },
      },
    }),
    signal,
  );
