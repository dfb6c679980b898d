import type { WidgetKind } from '../dashboards/api.js';
import { encodeFunnelStep } from '../../../config/src/funnel-link.js';
import type { FunnelStep } from '../funnels/api.js';
import { QUESTION_VIEW_PERIODS, type ViewPeriod } from '../../../config/src/view-periods.js';
import { plainConditionList, writeCondition } from '../reports/conditions.js';
import { dimensionLabel, valueLabel } from '../reports/dimension-labels.js';
import { formatMetric, isOverviewMetric, metricLabel } from '../overview/overview-data.js';
import { formatCount, formatPercent } from '../shared/format.js';
import type { QuestionAnswer, ReportRequestObject } from './api.js';

/**
 * The Ask page's pure parts: an answer as a table, and its report query object as a view a dashboard
 * widget can save (the query, not the question: the widget shows the same report as the days go by).
 */

export interface AnswerTable {
  /** What the table holds, for its caption. */
  caption: string;
  columns: { label: string; number: boolean }[];
  /** Cells as people read them (counts grouped, rates in percent, durations in m and s). */
  rows: string[][];
}

type Values = Record<string, number | undefined>;

/** The metrics an answer shows: those the query named, else the report's own. */
function shownMetrics(query: ReportRequestObject, values: Values | undefined): string[] {
  return query.metrics?.length ? query.metrics : Object.keys(values ?? {});
}

/** The answer as a table: a row per metric (overview), per bucket (timeseries) or per value (breakdown). */
export function answerTable(answer: QuestionAnswer, locale?: string): AnswerTable | undefined {
  const { query, result } = answer;
  if (!query || !result) return undefined;
  const cells = (metrics: string[], values: Values) =>
    metrics.map((metric) => formatMetric(metric, values[metric], locale));
  const metricColumns = (metrics: string[]) =>
    metrics.map((metric) => ({ label: metricLabel(metric), number: true }));
  if (result.overview) {
    const values = result.overview.metrics as Values;
    return {
      caption: answer.message,
      columns: [
        { label: 'Metric', number: false },
        { label: 'Value', number: true },
      ],
      rows: shownMetrics(query, values).map((metric) => [metricLabel(metric), ...cells([metric], values)]),
    };
  }
  if (result.timeseries) {
    const points = result.timeseries.points;
    const metrics = shownMetrics(query, points[0]?.metrics as Values);
    return {
      caption: answer.message,
      columns: [{ label: 'Period', number: false }, ...metricColumns(metrics)],
      rows: points.map((point) => [point.bucket, ...cells(metrics, point.metrics as Values)]),
    };
  }
  if (result.breakdown) {
    const { dimension, rows } = result.breakdown;
    const metrics = shownMetrics(query, rows[0]?.metrics as Values);
    return {
      caption: answer.message,
      columns: [{ label: dimensionLabel(dimension), number: false }, ...metricColumns(metrics)],
      rows: rows.map((row) => [
        row.name || valueLabel(dimension, row.value),
        ...cells(metrics, row.metrics as Values),
      ]),
    };
  }
  if (result.paths) {
    const { next, previous } = result.paths;
    const lines = (direction: string, pages: typeof next) =>
      pages.map((page) => [
        direction,
        page.page,
        formatCount(page.visits, locale),
        formatPercent(page.percent, locale),
      ]);
    return {
      caption: answer.message,
      columns: [
        { label: 'Direction', number: false },
        { label: 'Page', number: false },
        { label: 'Visits', number: true },
        { label: 'Share of visits', number: true },
      ],
      rows: [...lines('Next', next), ...lines('Previous', previous)],
    };
  }
  // A funnel and a retention grid are tables of their own (FunnelChart, RetentionGridTable).
  return undefined;
}

/** The panel's period of a question's range, where it has one; any other range is saved as its days. */
const viewPeriod = (period: ReportRequestObject['range']['period']): ViewPeriod | undefined =>
  Object.hasOwn(QUESTION_VIEW_PERIODS, period)
    ? QUESTION_VIEW_PERIODS[period as keyof typeof QUESTION_VIEW_PERIODS]
    : undefined;

/** A widget of a question's query: the report page and the query string it saves, what it shows. */
export interface AnswerView {
  reportKey: string;
  query: string;
  kind: WidgetKind;
  dimension?: string;
}

/**
 * The dashboard view of a query object, or why it has none: a saved view holds a period, a comparison, the
 * filter bar's conditions and a chart's metric and interval (backend `saved-view.ts`), and a page's own
 * options (a funnel's steps, retention's cohorts, the paths' page); a goal, or filter groups and lists it
 * can't hold, are said, not dropped.
 */
export function answerView(query: ReportRequestObject): AnswerView | { unsaved: string } {
  if (query.goal !== undefined)
    return { unsaved: 'A dashboard view can’t hold a goal yet: open Goals to save it.' };
  const filters = plainConditionList(query.filters ?? []);
  if (!filters)
    return { unsaved: 'A dashboard view holds a list of filters; this answer groups them or lists values.' };
  const search = new URLSearchParams();
  const period = viewPeriod(query.range.period);
  if (period) search.set('period', period);
  else {
    search.set('period', 'custom');
    search.set('from', query.range.from ?? '');
    search.set('to', query.range.to ?? '');
  }
  search.set('compare', query.compare ? 'previous' : 'none');
  for (const filter of filters) search.append('filter', writeCondition(filter));
  switch (query.report) {
    case 'overview':
      return { reportKey: 'overview', query: search.toString(), kind: 'metrics' };
    case 'timeseries':
      if (query.metrics?.[0] && isOverviewMetric(query.metrics[0])) search.set('metric', query.metrics[0]);
      if (query.interval) search.set('interval', query.interval);
      return { reportKey: 'overview', query: search.toString(), kind: 'chart' };
    case 'breakdown':
      return {
        reportKey: 'overview',
        query: search.toString(),
        kind: 'breakdown',
        dimension: query.dimension,
      };
    case 'funnel':
      // The API's steps as the funnel page's: a step without a property has null ones there.
      for (const step of (query.steps ?? []) as unknown as Partial<FunnelStep>[])
        search.append(
          'step',
          encodeFunnelStep({
            kind: step.kind ?? 'page',
            match: step.match ?? '',
            propertyKey: step.propertyKey ?? null,
            propertyValue: step.propertyValue ?? null,
          }),
        );
      if (query.window) search.set('window', String(query.window));
      if (query.dimension) search.set('by', query.dimension);
      return { reportKey: 'funnels', query: search.toString(), kind: 'funnel' };
    case 'retention':
      if (query.cohort) search.set('cohort', query.cohort);
      if (query.returnEvent) search.set('return', query.returnEvent);
      return { reportKey: 'retention', query: search.toString(), kind: 'link' };
    case 'paths':
      search.set('page', query.page ?? '/');
      return { reportKey: 'paths', query: search.toString(), kind: 'link' };
  }
}
