import type { Schemas } from '../api/schemas.js';
import { api, authorized, dataOf } from '../shared/api-client.js';

/**
 * `GET /api/sites/:id/realtime`: visitors, pageviews, top pages and sources of the last 5 minutes, and the
 * pageviews of the last 30 minutes by minute.
 */
export type RealtimeReport = Schemas['RealtimeReportDto'];
export type RealtimeMinute = Schemas['RealtimeMinuteDto'];

export const fetchRealtime = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/realtime', { ...authorized(token, signal), params: { path: { siteId } } }),
    signal,
  );

/**
 * `GET /api/sites/:id/realtime/stream`, Server-Sent Events read with fetch rather than EventSource: the route
 * takes the access token as an `Authorization` header, which EventSource cannot send. `lastEventId` resumes
 * after the last event received (the API replays what came since, within its 5 minutes).
 */
export const openRealtimeStream = (
  siteId: number,
  lastEventId: string | undefined,
  token: string,
  signal: AbortSignal,
) =>
  dataOf(
    api.GET('/api/sites/{siteId}/realtime/stream', {
      ...authorized(token, signal),
      params: { path: { siteId }, header: lastEventId ? { 'Last-Event-ID': lastEventId } : {} },
      parseAs: 'stream',
    }),
    signal,
  );

/** `GET /api/sites/:id/realtime/last-event`: when the site's newest event arrived, null before its first. */
export type LastEvent = Schemas['LastEventDto'];

export const fetchLastEvent = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/realtime/last-event', {
      ...authorized(token, signal),
      params: { path: { siteId } },
    }),
    signal,
  );
