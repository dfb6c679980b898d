import { useAnnotationsQuery } from '../annotations/useAnnotationsQuery';
import { useComparisonWords } from '../reports/comparison-words';
import type { Goal } from '../overview/api';
import { TimeChart } from '../overview/TimeChart';
import { chartInterval } from '../../../config/src/view-periods.js';
import { INTERVAL_LABELS } from '../overview/timeseries-data';
import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import { useTimeseriesQuery } from '../overview/useTimeseriesQuery';
import { dimensionLabel, type Dimension } from '../reports/dimension-labels';
import type { ReportRequest } from '../reports/report-request';
import { QueryState } from '../shared/QueryState';
import { conversionLines, describeGoal } from './goals-data';
import { RevenueCell } from '../shared/RevenueCurrency';
import { revenueCurrencies, shownCurrency } from '../shared/revenue';
import { TableHeader } from '../shared/TableHeader';
import { formatDateRange } from '../shared/format';

/** Where a goal's conversions came from: the dimensions its detail breaks them down by. */
const GOAL_BREAKDOWNS: Dimension[] = ['referrer_source', 'page'];
const BREAKDOWN_ROWS = 10;

/**
 * A chosen goal: its conversions by day (with the previous period's, and the site's annotations flagged: what
 * moved them) and by source and page.
 */
export function GoalDetail({
  goal,
  request,
  currency,
}: {
  goal: Goal;
  request: ReportRequest;
  /** The page's revenue currency (its tables show another only where they have none in it). */
  currency: string | undefined;
}) {
  const interval = chartInterval(undefined, request.range);
  const series = useTimeseriesQuery({ ...request, metric: 'conversions', interval, goal: goal.id });
  const annotations = useAnnotationsQuery(request.siteId, request.range);
  const compared = useComparisonWords();
  return (
    <>
      <section className="card" aria-labelledby="goals-chart-heading">
        <h2 id="goals-chart-heading">
          {goal.name}: conversions by {INTERVAL_LABELS[interval].toLowerCase().replace(/s$/, '')}
        </h2>
        <p className="goals-rule">{describeGoal(goal)}</p>
        <QueryState query={series} what="the goal's conversions">
          {(report) => (
            <TimeChart
              report={report}
              metric="conversions"
              metricLabel="Conversions"
              notes={annotations.data}
              summary={`Conversions of ${goal.name} by ${INTERVAL_LABELS[interval].toLowerCase()}, ${formatDateRange(request.range)}${request.comparison ? `, with ${compared.phrase}` : ''}`}
            />
          )}
        </QueryState>
      </section>
      <div className="breakdowns">
        {GOAL_BREAKDOWNS.map((dimension) => (
          <GoalBreakdown
            key={dimension}
            goal={goal}
            dimension={dimension}
            request={request}
            currency={currency}
          />
        ))}
      </div>
    </>
  );
}

function GoalBreakdown({
  goal,
  dimension,
  request,
  currency,
}: {
  goal: Goal;
  dimension: Dimension;
  request: ReportRequest;
  currency: string | undefined;
}) {
  const rows = useBreakdownQuery({ ...request, dimension, limit: BREAKDOWN_ROWS, goal: goal.id });
  const label = dimensionLabel(dimension);
  const headingId = `goals-by-${dimension}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Conversions by {label.toLowerCase()}</h2>
      <QueryState
        query={rows}
        what={`conversions by ${label.toLowerCase()}`}
        isEmpty={(report) => conversionLines(report.rows, dimension).length === 0}
        empty={<p>No conversions of this goal in the period.</p>}
      >
        {(report) => {
          const lines = conversionLines(report.rows, dimension);
          // The page's currency, unless this goal's rows have none in it.
          const shown = shownCurrency(revenueCurrencies(lines.map((line) => line.revenue)), currency);
          return (
            <table className="breakdown-table phone-rows conversions-table">
              <TableHeader
                columns={[
                  { label },
                  { label: 'Visitors', number: true },
                  { label: 'Conversions', number: true },
                  { label: 'Rate', number: true },
                  shown !== undefined && { label: 'Revenue', number: true },
                ]}
              />
              <tbody>
                {lines.map((line) => (
                  <tr key={line.value}>
                    <td className="goals-value-cell">{line.label}</td>
                    <td className="number" data-label="Visitors">
                      {line.visitors}
                    </td>
                    <td className="number" data-label="Conversions">
                      {line.conversions}
                    </td>
                    <td className="number" data-label="Rate">
                      {line.rate}
                    </td>
                    {shown !== undefined && <RevenueCell revenue={line.revenue} currency={shown} />}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </section>
  );
}
