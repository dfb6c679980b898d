import type { DateRange } from '../date-range/date-range';
import type { ReportView } from '../routing/report-view';
import { QueryState } from '../shared/QueryState';
import { isEmptyOverview, overviewMetrics } from './overview-data';
import { useOverviewQuery } from './useOverviewQuery';

interface OverviewProps {
  siteId: number;
  range: DateRange;
  comparison: DateRange | undefined;
  view: ReportView;
  onChange: (changes: Partial<ReportView>) => void;
}

export function Overview({ siteId, range, comparison, view }: OverviewProps) {
  const overview = useOverviewQuery({ siteId, range, comparison, filters: view.filters });
  return (
    <section className="overview" aria-label="Overview">
      <QueryState
        query={overview}
        what="the overview"
        isEmpty={isEmptyOverview}
        empty={
          <p>No visits on these dates. Once the tracker snippet is on your pages, visits show up here.</p>
        }
      >
        {(data) => (
          <dl className="metrics">
            {overviewMetrics(data).map(({ label, value }) => (
              <div className="metric" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </QueryState>
    </section>
  );
}
