import type { paths } from '../api/schema.js';
import type { Schemas } from '../api/schemas.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites/:id/dashboards`: a dashboard with its widgets in their order. */
export type Dashboard = Schemas['DashboardResponse'];
/** A saved report view on a dashboard: the page's key and query string, what it shows, its width. */
export type Widget = Schemas['WidgetResponse'];
export type NewWidget = Schemas['CreateWidgetDto'];
export type WidgetKind = Widget['kind'];
/** A shared link of the site (its token only in the answer that created it). */
export type SharedLink = Schemas['SharedLinkResponse'];
export type CreatedSharedLink = Schemas['CreatedSharedLinkResponse'];
export type NewSharedLink = Schemas['CreateSharedLinkDto'];
/** What a shared link's visitor sees: the site's name and zone, a title and the widgets. */
export type SharedView = Schemas['SharedViewResponse'];

export const fetchDashboards = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/dashboards', { ...authorized(token, signal), params: { path: { siteId } } }),
    signal,
  );

export const createDashboard = (token: string, siteId: number, name: string) =>
  apiRequest<Dashboard>('POST', `/sites/${siteId}/dashboards`, { token, body: { name } });

export const renameDashboard = (token: string, siteId: number, id: number, name: string) =>
  apiRequest<Dashboard>('PATCH', `/sites/${siteId}/dashboards/${id}`, { token, body: { name } });

export const deleteDashboard = (token: string, siteId: number, id: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/dashboards/${id}`, { token });

export const addWidget = (token: string, siteId: number, id: number, widget: NewWidget) =>
  apiRequest<Dashboard>('POST', `/sites/${siteId}/dashboards/${id}/widgets`, { token, body: widget });

export const updateWidget = (
  token: string,
  siteId: number,
  id: number,
  widgetId: number,
  changes: { position?: number; width?: number },
) =>
  apiRequest<Dashboard>('PATCH', `/sites/${siteId}/dashboards/${id}/widgets/${widgetId}`, {
    token,
    body: changes,
  });

export const removeWidget = (token: string, siteId: number, id: number, widgetId: number) =>
  apiRequest<Dashboard>('DELETE', `/sites/${siteId}/dashboards/${id}/widgets/${widgetId}`, { token });

export const fetchSharedLinks = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/shared-links', {
      ...authorized(token, signal),
      params: { path: { siteId } },
    }),
    signal,
  );

export const createSharedLink = (token: string, siteId: number, link: NewSharedLink) =>
  apiRequest<CreatedSharedLink>('POST', `/sites/${siteId}/shared-links`, { token, body: link });

export const revokeSharedLink = (token: string, siteId: number, id: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/shared-links/${id}`, { token });

/** The header carrying the view token a shared link's password unlocked. */
const unlocked = (viewToken: string | undefined, signal: AbortSignal) => ({
  headers: viewToken ? { 'x-sluice-share-unlock': viewToken } : {},
  signal,
});

export const fetchSharedView = (token: string, viewToken: string | undefined, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/shared/{token}', { ...unlocked(viewToken, signal), params: { path: { token } } }),
    signal,
  );

export const unlockSharedLink = (token: string, password: string) =>
  apiRequest<Schemas['SharedViewTokenResponse']>('POST', `/shared/${encodeURIComponent(token)}/unlock`, {
    body: { password },
  });

/** The report routes of a shared link's widget: each answers the one its kind shows, built from the saved view. */
const SHARED_REPORTS = {
  overview: '/api/shared/{token}/widgets/{widgetId}/overview',
  timeseries: '/api/shared/{token}/widgets/{widgetId}/timeseries',
  breakdown: '/api/shared/{token}/widgets/{widgetId}/breakdown',
  funnel: '/api/shared/{token}/widgets/{widgetId}/funnel',
} as const;
type SharedReports = typeof SHARED_REPORTS;

/** Where a shared widget is: its link's token, the view token its password unlocked, its id. */
export interface SharedWidget {
  token: string;
  viewToken: string | undefined;
  widgetId: number;
}

export const fetchSharedReport = <R extends keyof SharedReports>(
  report: R,
  { token, viewToken, widgetId }: SharedWidget,
  signal: AbortSignal,
) =>
  dataOf(
    api.GET(SHARED_REPORTS[report] as SharedReports['overview'], {
      ...unlocked(viewToken, signal),
      params: { path: { token, widgetId } },
    }),
    signal,
  ) as Promise<paths[SharedReports[R]]['get']['responses'][200]['content']['application/json']>;
