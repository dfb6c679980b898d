import { useState } from 'react';
import type { ReportPageProps } from '../reports/report-page';
import { valueLabel } from '../reports/dimension-labels';
import { usePageOptions } from '../routing/useReportView';
import { QueryState } from '../shared/QueryState';
import { fetchEventsCsv, type EventsRequest, type StoredEvent } from './api';
import { EventsFilters } from './EventsFilters';
import { EventsProfileCard } from './EventsProfileCard';
import {
  eventFields,
  eventOwners,
  eventProperties,
  eventsOfOptions,
  EVENTS_OF_WORDS,
  eventTime,
  parseConditions,
  parseEventsOf,
  type EventsOf,
} from './events-data';
import { useEventsQuery } from './useEventsQuery';
import { TableHeader } from '../shared/TableHeader';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { formatCount, formatDateRange } from '../shared/format';

/**
 * The events explorer: a site's raw events, newest first, filtered by the filter bar and by conditions of its
 * own (in the URL as `where`, with `bots=1` to include bots), a page at a time; each row opens to every field
 * and to its visit's, visitor's and signed-in user's events (`session=`, `visitor=`, `user=`), which a profile
 * of them heads.
 */
export function EventsPage({ site, range, view, request: reportRequest }: ReportPageProps) {
  const [options, changeOptions] = usePageOptions();
  const own = parseConditions(options.getAll('where'));
  const bots = options.get('bots') === '1';
  const of = parseEventsOf(options);
  const request: EventsRequest = {
    siteId: site.id,
    range,
    conditions: [...view.filters, ...own],
    bots,
    of,
  };
  const show = (next: EventsOf | undefined) => changeOptions(eventsOfOptions(next));
  const events = useEventsQuery(request);

  return (
    <div className="events">
      {of && (
        // Another person's card anew: their figures never shown under another's name while loading.
        <EventsProfileCard
          key={`${of.kind} ${of.value}`}
          request={request}
          of={of}
          timeZone={site.timezone}
          onShow={show}
        />
      )}
      <EventsFilters
        conditions={own}
        bots={bots}
        request={reportRequest}
        onChange={(where, withBots) => changeOptions({ where, bots: withBots ? '1' : undefined })}
      />
      <section className="card" aria-labelledby="events-heading">
        <header className="events-header">
          <div>
            <h2 id="events-heading">Events</h2>
            <p className="events-note">
              Newest first, {formatDateRange(range)}, times in {site.timezone}
              {bots ? ', bots included' : ''}
            </p>
            {of && (
              <p className="events-of">
                {EVENTS_OF_WORDS[of.kind].shown}: <code>{of.value}</code>{' '}
                <button type="button" className="link-button" onClick={() => show(undefined)}>
                  Show every event
                </button>
              </p>
            )}
          </div>
          <CsvDownloadButton
            fetchCsv={(token) => fetchEventsCsv(request, token)}
            fileName="events.csv"
            what="the events"
          />
        </header>
        <QueryState
          query={events}
          what="the events"
          isEmpty={(pages) => pages[0].events.length === 0}
          empty={
            <p>
              No events match on these dates. Widen the period, or remove a filter or condition; events appear
              here seconds after the tracker sends them.
            </p>
          }
        >
          {(pages) => {
            const list = pages.flatMap((page) => page.events);
            return (
              <>
                <EventsTable events={list} timeZone={site.timezone} shown={of} onShow={show} />
                <footer className="events-more">
                  <span aria-live="polite">
                    {formatCount(list.length)} {list.length === 1 ? 'event' : 'events'} shown
                  </span>
                  {events.hasMore ? (
                    <button type="button" disabled={events.isFetchingMore} onClick={events.fetchMore}>
                      {events.isFetchingMore ? 'Loading older events…' : 'Older events'}
                    </button>
                  ) : (
                    <span>No older events in this period.</span>
                  )}
                </footer>
                {events.moreError && (
                  <p className="notice" role="alert">
                    Could not load older events: {events.moreError.message}
                  </p>
                )}
              </>
            );
          }}
        </QueryState>
      </section>
    </div>
  );
}

interface EventsTableProps {
  events: StoredEvent[];
  timeZone: string;
  /** Whose events the list shows already: no link to them again. */
  shown: EventsOf | undefined;
  onShow: (of: EventsOf) => void;
}

function EventsTable({ events, timeZone, shown, onShow }: EventsTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => {
    const next = new Set(open);
    if (!next.delete(key)) next.add(key);
    setOpen(next);
  };
  return (
    <table className="events-table">
      <caption className="visually-hidden">Events, newest first; open a row to see all its fields</caption>
      <TableHeader
        columns={[
          { label: 'Time' },
          { label: 'Event' },
          { label: 'Page', className: 'events-page' },
          { label: 'Country', className: 'events-wide' },
          { label: 'Browser', className: 'events-wide' },
        ]}
      />
      <tbody>
        {events.flatMap((event) => {
          // A resend from another address is another row with the same id: the time tells them apart.
          const key = `${event.event_id} ${event.ts}`;
          const detailId = `event-${event.event_id}-${event.ts.replace(/\D/g, '')}`;
          const expanded = open.has(key);
          const row = (
            <tr key={key} className="events-row">
              <td>
                <button
                  type="button"
                  className="events-toggle"
                  aria-expanded={expanded}
                  aria-controls={detailId}
                  onClick={() => toggle(key)}
                >
                  {eventTime(event.ts, timeZone)}
                </button>
              </td>
              <td>{valueLabel('event_name', event.name)}</td>
              <td className="events-page">{event.pathname}</td>
              <td className="events-wide">{valueLabel('country', event.country)}</td>
              <td className="events-wide">{valueLabel('browser', event.browser)}</td>
            </tr>
          );
          if (!expanded) return [row];
          return [
            row,
            <tr key={`${key} detail`} id={detailId} className="events-detail">
              <td colSpan={5}>
                <EventDetail event={event} shown={shown} onShow={onShow} />
              </td>
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
}

function EventDetail({
  event,
  shown,
  onShow,
}: { event: StoredEvent } & Omit<EventsTableProps, 'events' | 'timeZone'>) {
  const properties = eventProperties(event);
  const owners = eventOwners(event).filter((owner) => owner.kind !== shown?.kind);
  return (
    <div className="events-fields">
      {owners.length > 0 && (
        <p className="events-owners">
          {owners.map((owner) => (
            <button key={owner.kind} type="button" className="link-button" onClick={() => onShow(owner)}>
              {EVENTS_OF_WORDS[owner.kind].link}
            </button>
          ))}
        </p>
      )}
      <dl aria-label="Fields">
        {eventFields(event).map((field) => (
          <div key={field.name}>
            <dt>{field.name}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      {properties.length > 0 && (
        <dl aria-label="Properties">
          {properties.map((property) => (
            <div key={property.name}>
              <dt>{property.name}</dt>
              <dd>{property.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
