import { useComparisonWords } from '../reports/comparison-words';
import { useSession } from '../auth/session';
import { useGoalsQuery } from '../overview/useGoalsQuery';
import type { ReportPageProps } from '../reports/report-page';
import { usePageOptions } from '../routing/useReportView';
import { ConfirmedDelete } from '../shared/ConfirmedDelete';
import { QueryState } from '../shared/QueryState';
import { useAction } from '../shared/useAction';
import { deleteGoal } from './api';
import { GoalDetail } from './GoalDetail';
import { GoalForm } from './GoalForm';
import { CurrencyChoice, RevenueCell, useRevenueCurrency } from '../shared/RevenueCurrency';
import { chosenGoal, goalSummaries, type GoalSummary } from './goals-data';
import { TableHeader } from '../shared/TableHeader';
import { ScrollRegion } from '../shared/ScrollRegion';

/**
 * A site's goals with their conversions against the comparison period and their revenue; choosing one
 * (`goal=<id>` in the URL) shows its conversions by day and where they came from. Admins and owners add and
 * delete goals here; viewers read them.
 */
export function GoalsPage({ site, request }: ReportPageProps) {
  const { user } = useSession();
  const canManage = user?.role !== 'viewer';
  const goals = useGoalsQuery(request);
  const [options, changeOptions] = usePageOptions();
  const choose = (goalId: number | undefined) =>
    changeOptions({ goal: goalId === undefined ? undefined : String(goalId) });
  const chosen = chosenGoal(goals.data?.map((entry) => entry.goal) ?? [], options.get('goal'));
  // One currency for the page: the goals' revenue and the chosen goal's by source and page.
  const revenue = useRevenueCurrency(goals.data?.map((entry) => entry.revenue) ?? []);

  return (
    <div className="goals">
      <section className="card" aria-labelledby="goals-heading">
        <header className="card-header">
          <h2 id="goals-heading">Goals</h2>
          <CurrencyChoice {...revenue} />
        </header>
        <QueryState
          query={goals}
          what="the goals"
          isEmpty={(list) => list.length === 0}
          empty={
            <p>
              No goals yet.{' '}
              {canManage
                ? 'Add one below: a page people reach (/thank-you) or an event they send (signup).'
                : 'An admin or owner of this site can add them.'}
            </p>
          }
        >
          {(list) => (
            <GoalsTable
              summaries={goalSummaries(list)}
              comparing={request.comparison !== undefined}
              currency={revenue.currency}
              chosenId={chosen?.id}
              onChoose={choose}
              onDeleted={(goalId) => {
                if (goalId === chosen?.id) choose(undefined);
                goals.retry();
              }}
              siteId={site.id}
              canManage={canManage}
            />
          )}
        </QueryState>
        {canManage && <GoalForm siteId={site.id} onCreated={goals.retry} />}
      </section>
      {chosen && <GoalDetail goal={chosen} request={request} currency={revenue.currency} />}
    </div>
  );
}

interface GoalsTableProps {
  summaries: GoalSummary[];
  comparing: boolean;
  /** The revenue's currency; none where no goal has revenue. */
  currency: string | undefined;
  chosenId: number | undefined;
  onChoose: (goalId: number | undefined) => void;
  onDeleted: (goalId: number) => void;
  siteId: number;
  canManage: boolean;
}

function GoalsTable({
  summaries,
  comparing,
  currency,
  chosenId,
  onChoose,
  onDeleted,
  siteId,
  canManage,
}: GoalsTableProps) {
  const compared = useComparisonWords();
  const withRevenue = currency !== undefined;
  return (
    <ScrollRegion className="goals-scroll" label="Goals table, scrollable">
      <table className="goals-table phone-rows">
        <caption className="visually-hidden">
          Goals: visitors who converted in the period, as a percent of all visitors, and the change against{' '}
          {compared.phrase}; choose a goal to see its conversions by day and by source and page
        </caption>
        <TableHeader
          columns={[
            { label: 'Goal' },
            { label: 'Conversions', number: true },
            { label: 'Rate', number: true },
            withRevenue && { label: 'Revenue', number: true },
          ]}
        />
        <tbody>
          {summaries.map((summary) => (
            <tr key={summary.goal.id} className={summary.goal.id === chosenId ? 'is-chosen' : undefined}>
              <td>
                <button
                  type="button"
                  className="goals-choose"
                  aria-pressed={summary.goal.id === chosenId}
                  onClick={() => onChoose(summary.goal.id === chosenId ? undefined : summary.goal.id)}
                >
                  <span className="goals-name">{summary.goal.name}</span>
                  <span className="goals-rule">{summary.description}</span>
                </button>
                {canManage && <DeleteGoalButton siteId={siteId} summary={summary} onDeleted={onDeleted} />}
              </td>
              <td className="number" data-label="Conversions">
                <span className="goals-value">{summary.conversions}</span>
                {comparing && <ChangeNote change={summary.conversionsChange} />}
              </td>
              <td className="number" data-label="Rate">
                <span className="goals-value">{summary.rate}</span>
                {comparing && <ChangeNote change={summary.rateChange} />}
              </td>
              {withRevenue && <RevenueCell revenue={summary.revenue} currency={currency} />}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ChangeNote({ change }: { change: string | undefined }) {
  const compared = useComparisonWords();
  return (
    <span className="goals-change">
      {change} <span className="visually-hidden">against {compared.phrase}</span>
    </span>
  );
}

/** Deleting asks once more, in place: a goal's definition is gone for every report once deleted. */
function DeleteGoalButton({
  siteId,
  summary,
  onDeleted,
}: {
  siteId: number;
  summary: GoalSummary;
  onDeleted: (goalId: number) => void;
}) {
  const { accessToken } = useSession();
  const remove = useAction(
    () => deleteGoal(accessToken ?? '', siteId, summary.goal.id),
    () => onDeleted(summary.goal.id),
  );
  return <ConfirmedDelete what={`goal ${summary.goal.name}`} remove={remove} className="goals-confirm" />;
}
