import type { Schemas } from '../api/schemas.js';
import type { DateRange } from '../date-range/date-range.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

export type Annotation = Schemas['AnnotationResponse'];

/** What an admin writes on a day (`POST /api/sites/:id/annotations`, and the fields a change sets). */
export type AnnotationFields = Schemas['CreateAnnotationDto'];

/** The site's annotations on the days of `range`, oldest first. */
export const fetchAnnotations = (siteId: number, range: DateRange, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/annotations', {
      ...authorized(token, signal),
      params: { path: { siteId }, query: { from: range.from, to: range.to } },
    }),
    signal,
  );

export const createAnnotation = (token: string, siteId: number, fields: AnnotationFields) =>
  apiRequest<Annotation>('POST', `/sites/${siteId}/annotations`, { token, body: fields });

export const updateAnnotation = (token: string, siteId: number, id: number, fields: AnnotationFields) =>
  apiRequest<Annotation>('PATCH', `/sites/${siteId}/annotations/${id}`, { token, body: fields });

export const deleteAnnotation = (token: string, siteId: number, id: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/annotations/${id}`, { token });
