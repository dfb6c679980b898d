import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { FunnelSteps } from '../funnels/FunnelChart';
import { BreakdownTable } from '../overview/BreakdownTable';
import { breakdownLines } from '../overview/breakdown-data';
import { MetricCards } from '../overview/MetricCards';
import { isEmptyOverview, METRIC_LABELS, metricCards } from '../overview/overview-data';
import { TimeChart } from '../overview/TimeChart';
import type { Dimension } from '../reports/dimension-labels';
import { dimensionLabel } from '../reports/dimension-labels';
import { comparisonWords, ComparisonWordsContext } from '../reports/comparison-words';
import { reportTitle } from '../reports/report-catalogue';
import { parseReportView } from '../routing/report-view';
import { QueryState } from '../shared/QueryState';
import type { Widget } from './api';
import { viewCaption, widgetTitle } from './dashboards-data';
import type { WidgetSource } from './widget-sources';
import { formatDateRange } from '../shared/format';

interface WidgetCardProps {
  widget: Widget;
  source: WidgetSource;
  /** The page's link in the signed-in panel; none on a shared link's page. */
  href?: string;
  /** The editing buttons of an admin; none for viewers and on shared pages. */
  controls?: ReactNode;
}

/**
 * A widget on a dashboard: its saved view's metric cards, time chart, breakdown, funnel or a card linking the
 * page.
 */
export function WidgetCard({ widget, source, href, controls }: WidgetCardProps) {
  const pageTitle = reportTitle(widget.reportKey);
  const headingId = `widget-${widget.id}`;
  const { comparison } = parseReportView(new URLSearchParams(widget.query));
  return (
    <ComparisonWordsContext value={comparisonWords(comparison)}>
      <section
        className={`card dashboard-widget dashboard-width-${widget.width}`}
        aria-labelledby={headingId}
      >
        <header className="dashboard-widget-header">
          <div>
            <h3 id={headingId}>{widgetTitle(widget, pageTitle)}</h3>
            <p className="dashboard-widget-caption">
              {pageTitle} · {viewCaption(widget.query)}
            </p>
          </div>
          {controls}
        </header>
        {widget.kind === 'metrics' && <MetricsWidget widget={widget} source={source} />}
        {widget.kind === 'chart' && <ChartWidget widget={widget} source={source} />}
        {widget.kind === 'breakdown' && <BreakdownWidget widget={widget} source={source} />}
        {widget.kind === 'funnel' && <FunnelWidget widget={widget} source={source} />}
        {widget.kind === 'link' &&
          (href ? (
            <Link href={href} className="dashboard-widget-link">
              Open {pageTitle}
            </Link>
          ) : (
            <p className="dashboard-widget-caption">Shown in the Sluice panel.</p>
          ))}
      </section>
    </ComparisonWordsContext>
  );
}

const NOTHING = <p>No visits in this period.</p>;

function MetricsWidget({ widget, source }: { widget: Widget; source: WidgetSource }) {
  const overview = source.useOverview(widget);
  return (
    <QueryState query={overview} what="the metrics" isEmpty={isEmptyOverview} empty={NOTHING}>
      {(data) => <MetricCards cards={metricCards(data)} />}
    </QueryState>
  );
}

function ChartWidget({ widget, source }: { widget: Widget; source: WidgetSource }) {
  const series = source.useTimeseries(widget);
  const notes = source.useNotes(widget);
  const metric = parseReportView(new URLSearchParams(widget.query)).metric;
  const label = METRIC_LABELS[metric as keyof typeof METRIC_LABELS] ?? metric;
  return (
    <QueryState query={series} what="the time chart">
      {(report) => (
        <TimeChart
          report={report}
          metric={metric}
          metricLabel={label}
          notes={notes}
          summary={`${label}, ${formatDateRange(report)}`}
        />
      )}
    </QueryState>
  );
}

function BreakdownWidget({ widget, source }: { widget: Widget; source: WidgetSource }) {
  const breakdown = source.useBreakdown(widget);
  const dimension = (widget.dimension ?? 'page') as Dimension;
  return (
    <QueryState
      query={breakdown}
      what={dimensionLabel(dimension).toLowerCase()}
      isEmpty={(report) => report.rows.length === 0}
      empty={NOTHING}
    >
      {(report) => (
        <BreakdownTable
          label={dimensionLabel(dimension)}
          lines={breakdownLines(report.rows, dimension, '', 'visitors')}
          compared={report.rows.some((row) => Boolean(row.comparison))}
        />
      )}
    </QueryState>
  );
}

function FunnelWidget({ widget, source }: { widget: Widget; source: WidgetSource }) {
  const funnel = source.useFunnel(widget);
  return (
    <QueryState
      query={funnel}
      what="the funnel"
      isEmpty={(report) => report.steps[0].visitors === 0}
      empty={<p>Nobody reached step 1 in this period.</p>}
    >
      {(report) => <FunnelSteps report={report} />}
    </QueryState>
  );
}
