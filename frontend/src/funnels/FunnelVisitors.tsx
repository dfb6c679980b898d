import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { reportPath } from '../reports/report-catalogue';
import type { ReportRequest } from '../reports/report-request';
import { reportViewSearch, type ReportView } from '../routing/report-view';
import { QueryState } from '../shared/QueryState';
import { formatCount } from '../shared/format';
import { ScrollRegion } from '../shared/ScrollRegion';
import { TableHeader } from '../shared/TableHeader';
import type { EventsOf } from '../events/events-data';
import type { FunnelOptions } from './funnel-data';
import {
  funnelVisitorLines,
  lastStepColumn,
  whoAsked,
  whoHeading,
  whoShown,
  type FunnelWho,
} from './funnel-visitors';
import { useFunnelVisitorsQuery } from './useFunnelVisitorsQuery';

/** Rows shown before "Show more": a screenful, the rest of the list a click away. */
const ROWS_AT_FIRST = 20;

interface FunnelVisitorsProps {
  request: ReportRequest;
  view: ReportView;
  timeZone: string;
  options: FunnelOptions;
  who: FunnelWho;
  /** The step's name, and how many visitors the figure counts. */
  stepName: string;
  total: number;
  onClose: () => void;
}

/**
 * The people behind one of the funnel's figures (PostHog's "view persons"): the latest to enter first,
 * each with where and on what they came, when they entered and how long the last step they reached took,
 * and a link to their events in the explorer, to see what they did instead.
 */
export function FunnelVisitors({
  request,
  view,
  timeZone,
  options,
  who,
  stepName,
  total,
  onClose,
}: FunnelVisitorsProps) {
  const visitors = useFunnelVisitorsQuery({ ...request, ...options, ...whoAsked(who) });
  const heading = useRef<HTMLHeadingElement>(null);
  const [rows, setRows] = useState(ROWS_AT_FIRST);
  // A list opened below the screen's edge (a long funnel, a phone) is brought up, its heading on top.
  useEffect(() => {
    const top = heading.current?.getBoundingClientRect().top;
    if (top !== undefined && top > window.innerHeight * 0.75)
      heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const after = lastStepColumn(who);
  const eventsPath = (of: EventsOf) => {
    const search = new URLSearchParams(reportViewSearch({ ...view, filters: [] }));
    search.set(of.kind, of.value);
    return reportPath(request.siteId, 'events', search.toString());
  };
  return (
    <section className="card funnels-people" aria-labelledby="funnels-visitors-heading">
      <header className="funnels-people-header">
        <h2 id="funnels-visitors-heading" ref={heading}>
          {whoHeading(who, stepName)}
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <QueryState
        query={visitors}
        what="the visitors"
        isEmpty={(list) => list.visitors.length === 0}
        empty={<p>Nobody in this period.</p>}
      >
        {(list) => {
          const lines = funnelVisitorLines(list.visitors, timeZone);
          return (
            <>
              <p className="funnels-people-shown">{whoShown(lines.length, total)}</p>
              <ScrollRegion className="funnels-scroll" label="Visitors, scrollable">
                <table className="breakdown-table">
                  <TableHeader
                    columns={[
                      { label: 'Visitor' },
                      { label: 'Country' },
                      { label: 'Device' },
                      { label: 'Browser' },
                      { label: 'Entered' },
                      after !== undefined && { label: after, number: true },
                      { label: 'Events', unseen: true },
                    ]}
                  />
                  <tbody>
                    {lines.slice(0, rows).map((line) => (
                      <tr key={line.key}>
                        <td>{line.name}</td>
                        <td>{line.country}</td>
                        <td>{line.device}</td>
                        <td>{line.browser}</td>
                        <td>{line.entered}</td>
                        {after !== undefined && <td className="number">{line.after}</td>}
                        <td>
                          <Link href={eventsPath(line.eventsOf)} aria-label={`Their events (${line.name})`}>
                            Their events
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {lines.length > rows && (
                <button
                  type="button"
                  className="link-button funnels-people-more"
                  onClick={() => setRows(lines.length)}
                >
                  Show {formatCount(lines.length - rows)} more
                </button>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
