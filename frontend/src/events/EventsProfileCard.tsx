import { QueryState } from '../shared/QueryState';
import { ScrollRegion } from '../shared/ScrollRegion';
import { TableHeader } from '../shared/TableHeader';
import type { EventsRequest } from './api';
import type { EventsOf } from './events-data';
import {
  profileDetails,
  profileFigures,
  profileTitle,
  profileVisitLines,
  profileVisitsShown,
} from './events-profile';
import { useEventsProfileQuery } from './useEventsProfileQuery';

interface EventsProfileCardProps {
  request: Pick<EventsRequest, 'siteId' | 'range' | 'bots'>;
  of: EventsOf;
  timeZone: string;
  /** Opens one of their visits' events. */
  onShow: (of: EventsOf) => void;
}

/**
 * Whose events the explorer shows, summed up above them (PostHog's person, a visitor's journey): when they
 * were first and last seen, their visits, pageviews and events, where they came from and on what, and their
 * newest visits, each opening its own events.
 */
export function EventsProfileCard({ request, of, timeZone, onShow }: EventsProfileCardProps) {
  const profile = useEventsProfileQuery({ ...request, of });
  const title = profileTitle(of);
  return (
    <section className="card events-profile" aria-labelledby="events-profile-heading">
      <h2 id="events-profile-heading">{title}</h2>
      <QueryState query={profile} what={`${title}’s profile`}>
        {(found) => (
          <>
            <dl className="events-profile-figures" aria-label="Figures">
              {profileFigures(found, timeZone).map(({ label, value }) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <dl className="events-profile-details" aria-label="Where and on what">
              {profileDetails(found).map(({ label, value }) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {of.kind !== 'session' && found.visitList.length > 0 && (
              <>
                <h3 className="events-profile-visits-heading">{profileVisitsShown(found)}</h3>
                <ScrollRegion className="events-profile-scroll" label="Visits, scrollable">
                  <table className="breakdown-table phone-rows profile-visits-table">
                    <TableHeader
                      columns={[
                        { label: 'Started' },
                        { label: 'Duration', number: true },
                        { label: 'Source' },
                        { label: 'Pages' },
                        { label: 'Pageviews', number: true },
                        { label: 'Events', number: true },
                        { label: 'Its events', unseen: true },
                      ]}
                    />
                    <tbody>
                      {profileVisitLines(found.visitList, timeZone).map((visit) => (
                        <tr key={visit.sessionId}>
                          <td>{visit.started}</td>
                          <td className="number" data-label="Duration">
                            {visit.duration}
                          </td>
                          <td data-label="Source">{visit.source}</td>
                          <td className="events-profile-pages" data-label="Pages">
                            {visit.pages}
                          </td>
                          <td className="number" data-label="Pageviews">
                            {visit.pageviews}
                          </td>
                          <td className="number" data-label="Events">
                            {visit.events}
                          </td>
                          <td>
                            <button
                              type="button"
                              className="link-button"
                              aria-label={`This visit’s events (${visit.started})`}
                              onClick={() => onShow({ kind: 'session', value: visit.sessionId })}
                            >
                              This visit’s events
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
