import { todayIn } from '../date-range/date-range';
import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import type { ReportPageProps } from '../reports/report-page';
import { usePageOptions } from '../routing/useReportView';
import { QueryState } from '../shared/QueryState';
import type { RetentionPeriod } from './api';
import {
  identityStatement,
  isEmptyRetention,
  parseRetentionOptions,
  PERIOD_LABELS,
  periodsFor,
  retentionGrid,
  retentionOptionChanges,
  type RetentionOptions,
} from './retention-data';
import { RetentionCurve } from './RetentionCurve';
import { RetentionGridTable } from './RetentionGrid';
import { useRetentionQuery } from './useRetentionQuery';

/** The events a return may be, as the event breakdown answers them. */
const EVENT_CHOICES = 100;

/**
 * Cohorts of visitors by their first-ever visit and how many came back in each later period; the cohort
 * period and the returning event live in the URL (`cohort=`, `return=`).
 */
export function RetentionPage({ request, range }: ReportPageProps) {
  const [search, changeOptions] = usePageOptions();
  const options = parseRetentionOptions(search, range);
  const apply = (changes: Partial<RetentionOptions>) =>
    changeOptions(retentionOptionChanges({ ...options, ...changes }));
  const retention = useRetentionQuery({ ...request, ...options });
  const events = useBreakdownQuery({ ...request, dimension: 'event_name', limit: EVENT_CHOICES });
  const eventNames = events.data?.rows.map((row) => row.value).filter(Boolean) ?? [];
  if (options.returnEvent && !eventNames.includes(options.returnEvent)) eventNames.push(options.returnEvent);

  return (
    <div className="retention">
      <section className="card" aria-labelledby="retention-heading">
        <header className="retention-header">
          <h2 id="retention-heading">Retention</h2>
          <div className="retention-tools">
            <label className="field">
              Cohorts by
              <select
                value={options.period}
                onChange={(event) => apply({ period: event.target.value as RetentionPeriod })}
              >
                {periodsFor(range).map((period) => (
                  <option key={period} value={period}>
                    {PERIOD_LABELS[period]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              A return is
              <select
                value={options.returnEvent ?? ''}
                onChange={(event) => apply({ returnEvent: event.target.value || undefined })}
              >
                <option value="">Any visit</option>
                {eventNames.map((name) => (
                  <option key={name} value={name}>
                    Event {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </header>
        <QueryState
          query={retention}
          what="the retention grid"
          isEmpty={isEmptyRetention}
          empty={
            <p>
              No new visitors in this period: a cohort is the visitors whose first-ever visit falls in it.
              Choose a longer period, or check that the tracker snippet is on your pages.
            </p>
          }
        >
          {(report) => {
            const today = todayIn(report.timezone, new Date());
            return (
              <>
                <p className={`retention-identity is-${report.identity}`}>
                  {identityStatement(report.identity)}
                </p>
                <RetentionGridTable
                  grid={retentionGrid(report, today)}
                  period={report.period}
                  returnEvent={report.returnEvent}
                />
                <RetentionCurve report={report} today={today} />
              </>
            );
          }}
        </QueryState>
      </section>
    </div>
  );
}
