import { Link, useSearch } from 'wouter';
import { reportPath } from '../reports/report-catalogue';
import type { ReportRequest } from '../reports/report-request';
import { QueryState } from '../shared/QueryState';
import { goalLines, type GoalLine } from './goals-data';
import { useGoalsQuery } from './useGoalsQuery';
import { useInView } from '../shared/useInView';
import { CurrencyChoice, RevenueCell, useRevenueCurrency } from '../shared/RevenueCurrency';
import { TableHeader } from '../shared/TableHeader';

/**
 * The site's goals: visitors who converted in the view, as a percent of its visitors, the conversions'
 * change against the comparison period where there is one, and the revenue of goals that have any, in one
 * currency at a time.
 */
export function GoalsCard({ request }: { request: ReportRequest }) {
  const { ref, inView } = useInView<HTMLElement>();
  const goals = useGoalsQuery(request, inView);
  const search = useSearch();
  const revenue = useRevenueCurrency(goals.data?.map((entry) => entry.revenue) ?? []);
  return (
    <section ref={ref} className="card breakdown" aria-labelledby="breakdown-goals">
      <header className="breakdown-header">
        <h2 id="breakdown-goals">Goals</h2>
        <CurrencyChoice {...revenue} />
      </header>
      <QueryState
        query={goals}
        what="the goals"
        isEmpty={(list) => list.length === 0}
        empty={
          <p>
            No goals yet: admins and owners add them on the{' '}
            <Link href={reportPath(request.siteId, 'goals', search)}>Goals</Link> page (a page visited, or an
            event sent).
          </p>
        }
      >
        {(list) => (
          <GoalsTable
            lines={goalLines(list)}
            comparing={request.comparison !== undefined}
            currency={revenue.currency}
          />
        )}
      </QueryState>
    </section>
  );
}

function GoalsTable({
  lines,
  comparing,
  currency,
}: {
  lines: GoalLine[];
  comparing: boolean;
  /** The revenue's currency; none where no goal has revenue. */
  currency: string | undefined;
}) {
  const withRevenue = currency !== undefined;
  // With revenue, a phone shows each goal as a block (phone-rows, as a goal's own breakdowns): as a fifth
  // column the amounts pushed the table past the screen's edge.
  return (
    <table className={withRevenue ? 'breakdown-table phone-rows conversions-table' : 'breakdown-table'}>
      <TableHeader
        columns={[
          { label: 'Goal' },
          { label: 'Conversions', number: true },
          { label: 'Rate', number: true },
          comparing && { label: 'Change', number: true },
          withRevenue && { label: 'Revenue', number: true },
        ]}
      />
      <tbody>
        {lines.map((line) => (
          <tr key={line.id}>
            <td>{line.name}</td>
            <td className="number" data-label="Conversions">
              {line.conversions}
            </td>
            <td className="number" data-label="Rate">
              {line.rate}
            </td>
            {comparing && (
              <td className="number" data-label="Change">
                {line.change}
              </td>
            )}
            {withRevenue && <RevenueCell revenue={line.revenue} currency={currency} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
