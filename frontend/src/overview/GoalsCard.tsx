import { Link, useSearch } from 'wouter';
import { reportPath } from '../reports/report-catalogue';
import type { ReportRequest } from '../reports/report-request';
import { QueryState } from '../shared/QueryState';
import { goalLines } from './goals-data';
import { useGoalsQuery } from './useGoalsQuery';
import { useInView } from '../shared/useInView';

/**
 * The site's goals: visitors who converted in the view, as a percent of its visitors, and the conversions'
 * change against the comparison period where there is one.
 */
export function GoalsCard({ request }: { request: ReportRequest }) {
  const { ref, inView } = useInView<HTMLElement>();
  const goals = useGoalsQuery(request, inView);
  const search = useSearch();
  return (
    <section ref={ref} className="card breakdown" aria-labelledby="breakdown-goals">
      <header className="breakdown-header">
        <h2 id="breakdown-goals">Goals</h2>
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
          <table className="breakdown-table">
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col" className="number">
                  Conversions
                </th>
                <th scope="col" className="number">
                  Rate
                </th>
                {request.comparison && (
                  <th scope="col" className="number">
                    Change
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {goalLines(list).map((line) => (
                <tr key={line.id}>
                  <td>{line.name}</td>
                  <td className="number">{line.conversions}</td>
                  <td className="number">{line.rate}</td>
                  {request.comparison && <td className="number">{line.change}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
