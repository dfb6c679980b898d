import type { ReportRequest } from '../reports/report-request';
import { QueryState } from '../shared/QueryState';
import { goalLines } from './goals-data';
import { useGoalsQuery } from './useGoalsQuery';
import { useSeen } from '../shared/useSeen';

/** The site's goals: visitors who converted in the view, and as a percent of its visitors. */
export function GoalsCard({ request }: { request: ReportRequest }) {
  const { ref, seen } = useSeen<HTMLElement>();
  const goals = useGoalsQuery(request, seen);
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
          <p>This site has no goals yet: an admin adds them through the API (POST /api/sites/:id/goals).</p>
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
              </tr>
            </thead>
            <tbody>
              {goalLines(list).map((line) => (
                <tr key={line.id}>
                  <td>{line.name}</td>
                  <td className="number">{line.conversions}</td>
                  <td className="number">{line.rate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
