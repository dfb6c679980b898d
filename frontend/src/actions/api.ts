import type { Schemas } from '../api/schemas.js';
import { apiRequest } from '../shared/api-client.js';
import type { BreakdownRequest, BreakdownRow } from '../overview/api.js';
import type { ReportRequest } from '../reports/report-request.js';

/** One autocaptured element of `GET /api/sites/:id/breakdown?dimension=element`: its fingerprint, name and counts. */
export type ActionRow = BreakdownRow;

/** The API's most rows: search and sort look through all of them. */
const ACTION_ROWS = 1000;
/** Pages an action's context lists. */
const ACTION_PAGES = 5;

/** Visitors, and clicks: the element's events, each once (an element breakdown reads only its clicks). */
const METRICS = 'visitors,events';

export const actionsRequest = (request: ReportRequest): BreakdownRequest => ({
  ...request,
  dimension: 'element',
  metrics: METRICS,
  limit: ACTION_ROWS,
});

/**
 * One action's row of the element breakdown, for its name: filtered by it alone (the view's other filters could
 * leave it no click), without comparison, one row.
 */
export const actionNameRequest = (request: ReportRequest, fingerprint: string): BreakdownRequest => ({
  ...request,
  comparison: undefined,
  filters: [{ dimension: 'element', operator: 'is', value: fingerprint }],
  dimension: 'element',
  limit: 1,
});

/** The pages where one action was clicked, most visitors first. */
export const actionPagesRequest = (request: ReportRequest, fingerprint: string): BreakdownRequest => ({
  ...request,
  filters: [...request.filters, { dimension: 'element', operator: 'is', value: fingerprint }],
  dimension: 'page',
  metrics: METRICS,
  limit: ACTION_PAGES,
});

/** Where an action's name came from: the model, its element's context, or a person. */
export type NameSource = NonNullable<ActionRow['nameSource']>;
export type ActionName = Schemas['ActionNameResponse'];

/** A person's name for an action (admins): locked against the naming worker. */
export const renameAction = (token: string, siteId: number, fingerprint: string, name: string) =>
  apiRequest<ActionName>('PUT', `/sites/${siteId}/actions/${fingerprint}/name`, { token, body: { name } });

/** Back to an automatic name (admins). */
export const clearActionName = (token: string, siteId: number, fingerprint: string) =>
  apiRequest<ActionName>('DELETE', `/sites/${siteId}/actions/${fingerprint}/name`, { token });

/** Names the actions again now (owners); names given by hand stay. */
export const renameActionsAgain = (token: string, siteId: number, fingerprints: string[]) =>
  apiRequest<ActionName[]>('POST', `/sites/${siteId}/actions/rename`, { token, body: { fingerprints } });
