import type { EventsRequest } from '../events/api';
import { fetchEvents } from '../events/api';
import type { ReportRequest } from '../reports/report-request';
import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import { useApiQuery } from '../shared/useApiQuery';
import { actionNameRequest, actionPagesRequest, actionsRequest } from './api';

/** Every autocaptured element of the view, with its name, visitors and clicks. */
export const useActionsQuery = (request: ReportRequest) => useBreakdownQuery(actionsRequest(request));

/** One action's row, which carries its name as the actions page shows it. */
export const useActionNameQuery = (request: ReportRequest, fingerprint: string) =>
  useBreakdownQuery(actionNameRequest(request, fingerprint));

/** The pages one action was clicked on. */
export const useActionPagesQuery = (request: ReportRequest, fingerprint: string) =>
  useBreakdownQuery(actionPagesRequest(request, fingerprint));

/** The latest click on one action within the view: its element's tag, text, selector and page. */
export function useLatestClickQuery(request: ReportRequest, fingerprint: string) {
  const events: EventsRequest = {
    siteId: request.siteId,
    range: request.range,
    conditions: [...request.filters, { dimension: 'element', operator: 'is', value: fingerprint }],
    bots: false,
  };
  return useApiQuery(
    ['latest-click', request.siteId, request.range.from, request.range.to, JSON.stringify(events.conditions)],
    async (token, signal) => (await fetchEvents(events, { limit: 1 }, token, signal)).events[0],
  );
}
