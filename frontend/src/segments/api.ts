import type { Schemas } from '../api/schemas.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

export type Segment = Schemas['SegmentResponse'];

/** What an admin saves (`POST /api/sites/:id/segments`): a name and the conditions as links write them. */
export type SegmentFields = Schemas['CreateSegmentDto'];

/** The site's segments, by name. */
export const fetchSegments = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/segments', { ...authorized(token, signal), params: { path: { siteId } } }),
    signal,
  );

export const createSegment = (token: string, siteId: number, fields: SegmentFields) =>
  apiRequest<Segment>('POST', `/sites/${siteId}/segments`, { token, body: fields });

export const deleteSegment = (token: string, siteId: number, id: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/segments/${id}`, { token });
