import { Link } from 'wouter';
import { todayIn } from '../date-range/date-range';
import { useSiteGoalsQuery } from '../overview/useGoalsQuery';
import { reportPath } from '../reports/report-catalogue';
import { usePageOptions } from '../routing/useReportView';
import { formatDateRange } from '../shared/format';
import { QueryState } from '../shared/QueryState';
import { ShareBar } from '../shared/ShareBar';
import { TableHeader } from '../shared/TableHeader';
import type { Site } from '../sites/api';
import type { FeatureFlag } from './api';
import {
  DEFAULT_EXPERIMENT_PERIOD,
  EXPERIMENT_PERIOD_LABELS,
  EXPERIMENT_PERIODS,
  experimentLines,
  experimentPeriod,
  experimentRange,
  experimentVerdict,
  RESULTS_CLOSED,
  type ExperimentPeriod,
} from './experiment-data';
import { ExperimentIntervals } from './ExperimentIntervals';
import { useExperimentQuery } from './useExperimentQuery';

/**
 * A flag as an experiment (an A/B test): the visitors each of its values was read for, who of them completed a
 * goal after, and how likely each value is to convert better than the control.
 * The goal and the days are chosen here (`goal=<id>` and `period=` in the URL beside `flag=`): the site's first
 * goal over the last 30 days by default.
 */
export function FlagResults({ site, flag }: { site: Site; flag: FeatureFlag }) {
  const goals = useSiteGoalsQuery(site.id);
  const [options, changeOptions] = usePageOptions();
  const list = goals.data ?? [];
  const goal = list.find((one) => String(one.id) === options.get('goal')) ?? list[0];
  const period = experimentPeriod(options.get('period'));
  return (
    <section className="card" aria-labelledby="experiment-heading">
      <header className="card-header">
        <h2 id="experiment-heading">Results of {flag.key}</h2>
        <button type="button" className="link-button" onClick={() => changeOptions(RESULTS_CLOSED)}>
          Close
        </button>
      </header>
      <QueryState
        query={goals}
        what="the goals"
        isEmpty={(found) => found.length === 0}
        empty={
          <p>
            An experiment is judged by a goal: add one on the{' '}
            <Link href={reportPath(site.id, 'goals', '')}>Goals</Link> page (a page reached, an event sent).
          </p>
        }
      >
        {() => (
          <>
            <div className="experiment-choices">
              <label className="field">
                Judged by the goal
                <select value={goal?.id} onChange={(event) => changeOptions({ goal: event.target.value })}>
                  {list.map((one) => (
                    <option key={one.id} value={one.id}>
                      {one.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                Days
                <select
                  value={period}
                  onChange={(event) =>
                    changeOptions({
                      period:
                        event.target.value === DEFAULT_EXPERIMENT_PERIOD ? undefined : event.target.value,
                    })
                  }
                >
                  {EXPERIMENT_PERIODS.map((one) => (
                    <option key={one} value={one}>
                      {EXPERIMENT_PERIOD_LABELS[one]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {goal && <ExperimentTable site={site} flag={flag} goal={goal.id} period={period} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

function ExperimentTable({
  site,
  flag,
  goal,
  period,
}: {
  site: Site;
  flag: FeatureFlag;
  goal: number;
  period: ExperimentPeriod;
}) {
  const range = experimentRange(flag, todayIn(site.timezone, new Date()), site.timezone, period);
  const experiment = useExperimentQuery({ siteId: site.id, flag: flag.key, goal, range });
  return (
    <QueryState query={experiment} what="the experiment">
      {(report) => {
        const lines = experimentLines(report.variants, flag);
        return (
          <>
            <p className="experiment-verdict" role="status">
              {experimentVerdict(report.variants, flag)}
            </p>
            <table className="breakdown-table phone-rows experiment-table">
              <caption className="experiment-caption">
                Visitors the flag was read for, {formatDateRange(range)}, each under the value of their first
                read, and who of them completed the goal after it
              </caption>
              <TableHeader
                columns={[
                  { label: 'Value' },
                  { label: 'Visitors', number: true },
                  { label: 'Converted', number: true },
                  { label: 'Rate', number: true },
                  { label: 'Uplift', number: true },
                  { label: 'Chance to win', number: true },
                  { label: '95% interval', number: true },
                ]}
              />
              <tbody>
                {lines.map((line) => (
                  <tr key={line.variant} className={line.outside ? 'experiment-outside' : undefined}>
                    <td>
                      <span className="row-filter">
                        <ShareBar share={line.share} />
                        {line.label}
                        {line.markedControl && <span className="experiment-control"> (control)</span>}
                      </span>
                    </td>
                    <td className="number" data-label="Visitors">
                      {line.visitors}
                    </td>
                    <td className="number" data-label="Converted">
                      {line.conversions}
                    </td>
                    <td className="number" data-label="Rate">
                      {line.rate}
                    </td>
                    <td className="number" data-label="Uplift">
                      {line.uplift ?? '—'}
                    </td>
                    <td className="number" data-label="Chance to win">
                      {line.chance ?? '—'}
                    </td>
                    <td className="number" data-label="95% interval">
                      {line.intervalText}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExperimentIntervals lines={lines} />
          </>
        );
      }}
    </QueryState>
  );
}
