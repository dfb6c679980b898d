import type { DatedNote } from '../annotations/annotation-marks';
import { useAnnotationsQuery } from '../annotations/useAnnotationsQuery';
import { useOverviewQuery } from '../overview/useOverviewQuery';
import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import { useTimeseriesQuery } from '../overview/useTimeseriesQuery';
import type { BreakdownReport, OverviewReport, TimeseriesReport } from '../overview/api';
import { parseFunnelLink } from '../../../config/src/funnel-link.js';
import type { FunnelReport } from '../funnels/api';
import { useFunnelQuery } from '../funnels/useFunnelQuery';
import type { Dimension } from '../reports/dimension-labels';
import type { Site } from '../sites/api';
import { useCachedQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchSharedReport, type Widget } from './api';
import { widgetReport } from './dashboards-data';

/** Rows a breakdown widget shows. */
export const WIDGET_ROWS = 10;

/**
 * Where a widget's reports come from: the site's report routes for a signed-in user, the shared link's
 * routes for its visitors. Each is a hook, called once by the widget of its kind.
 */
export interface WidgetSource {
  useOverview(widget: Widget): QueryResult<OverviewReport>;
  useTimeseries(widget: Widget): QueryResult<TimeseriesReport>;
  useBreakdown(widget: Widget): QueryResult<BreakdownReport>;
  useFunnel(widget: Widget): QueryResult<FunnelReport>;
  /** The site's annotations on a chart widget's days; none on a shared link (they are the team's own notes). */
  useNotes(widget: Widget): DatedNote[] | undefined;
}

/** The signed-in panel's: the saved view's request, with the session, as the report page itself asks. */
export function siteWidgetSource(site: Site, now: Date): WidgetSource {
  const reportOf = (widget: Widget) => widgetReport(widget, site.id, site.timezone, now);
  return {
    useOverview: (widget) => useOverviewQuery(reportOf(widget).request),
    useTimeseries: (widget) => {
      const { request, metric, interval } = reportOf(widget);
      return useTimeseriesQuery({ ...request, metric, interval });
    },
    useBreakdown: (widget) =>
      useBreakdownQuery({
        ...reportOf(widget).request,
        dimension: (widget.dimension ?? 'page') as Dimension,
        limit: WIDGET_ROWS,
      }),
    useFunnel: (widget) => {
      // The saved steps and window, as the shared link's route reads them; never its breakdown.
      const { steps, window } = parseFunnelLink(new URLSearchParams(widget.query));
      return useFunnelQuery({ ...reportOf(widget).request, steps, window, dimension: undefined });
    },
    useNotes: (widget) => useAnnotationsQuery(site.id, reportOf(widget).request.range).data,
  };
}

/** A shared link's: the API builds each report from the stored view; the visitor sends only the token. */
export function sharedWidgetSource(token: string, viewToken: string | undefined): WidgetSource {
  const useShared = <R extends 'overview' | 'timeseries' | 'breakdown' | 'funnel'>(
    report: R,
    widget: Widget,
  ) =>
    useCachedQuery(['shared', token, viewToken ?? '', widget.id, report], true, (signal) =>
      fetchSharedReport(report, { token, viewToken, widgetId: widget.id }, signal),
    );
  return {
    useOverview: (widget) => useShared('overview', widget),
    useTimeseries: (widget) => useShared('timeseries', widget),
    useBreakdown: (widget) => useShared('breakdown', widget),
    useFunnel: (widget) => useShared('funnel', widget),
    useNotes: () => undefined,
  };
}
