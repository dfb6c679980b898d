import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { SitesService } from '../sites/sites.service.js';
import type { EventsPageDto, EventsQueryDto } from './dto/events.dto.js';
import type { EventsProfileDto, EventsProfileQueryDto, ProfileVisitDto } from './dto/events-profile.dto.js';
import { profileSql, profileVisitsSql } from './query/events-profile.js';
import { eventsCsvSql } from './query/csv.js';
import {
  EVENT_OWNER_FIELDS,
  eventsSql,
  newestEventsRead,
  newestSql,
  recentDaysFrom,
  type EventOwnerParameter,
  type EventsOf,
  type EventsQuery,
} from './query/events.js';
import { encodeEventsCursor, parseEventsCursor, parseFilters } from './query/parse-request.js';
import { reportHeader } from './report-kind.js';

const DEFAULT_PAGE = 100;

/** profileSql's row: counts as strings (64-bit), times UTC. */
interface ProfileRow {
  events: string;
  pageviews: string;
  visits: string;
  first_seen: string;
  last_seen: string;
  countries: string[];
  devices: string[];
  browsers: string[];
  systems: string[];
  city: string;
  user_id: string;
}

/** profileVisitsSql's row. */
type ProfileVisitRow = Record<
  'session_id' | 'started' | 'ended' | 'events' | 'pageviews' | 'entry_page' | 'exit_page' | 'source',
  string
> &
  Pick<ProfileVisitDto, 'country' | 'device' | 'browser'>;

/** Whose events a request asks for (and by which parameter): one visit's, visitor's or user's; asked for two, a 400. */
function eventsOf(
  dto: Pick<EventsQueryDto, EventOwnerParameter>,
): (EventsOf & { parameter: EventOwnerParameter }) | undefined {
  const asked = (Object.keys(EVENT_OWNER_FIELDS) as EventOwnerParameter[]).flatMap((param) => {
    const value = dto[param];
    return value === undefined ? [] : [{ param, field: EVENT_OWNER_FIELDS[param], value }];
  });
  if (asked.length > 1) {
    throw new DomainError(
      ErrorCode.Validation,
      `${asked.map(({ param }) => param).join(', ')}: ask for one visit, visitor or user at a time`,
    );
  }
  return asked[0] && { parameter: asked[0].param, field: asked[0].field, value: asked[0].value };
}

/** The events explorer: a site's raw events, a page at a time, through the one query entry point. */
@Injectable()
export class EventsService {
  constructor(
    private readonly sites: SitesService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  private async query(siteId: number, dto: EventsQueryDto): Promise<EventsQuery> {
    const site = await this.sites.get(siteId);
    return {
      site: { id: site.id, timezone: site.timezone },
      range: { from: dto.from, to: dto.to },
      filters: parseFilters(dto.filters),
      bots: dto.bots ?? false,
      of: eventsOf(dto),
      after: parseEventsCursor(dto.cursor),
      limit: dto.limit ?? DEFAULT_PAGE,
    };
  }

  /** Every event of the range as CSV (at most MAX_EXPORT_EVENTS), streamed from ClickHouse. */
  async csv(siteId: number, dto: EventsQueryDto): Promise<Readable> {
    return this.clickhouse.csv(eventsCsvSql(await this.query(siteId, dto)));
  }

  async page(siteId: number, dto: EventsQueryDto): Promise<EventsPageDto> {
    const query = await this.query(siteId, dto);
    const found = await this.newestRows(query);
    const events = found.slice(0, query.limit);
    const last = events.at(-1);
    return {
      ...reportHeader(query),
      events,
      nextCursor:
        found.length > query.limit && last
          ? encodeEventsCursor({ ts: last.ts, eventId: last.event_id })
          : null,
    };
  }

  /**
   * A visit's, visitor's or signed-in user's profile over the range: their figures and newest visits, each
   * from their events alone (the filter bar's filters don't apply: a profile is all of theirs).
   */
  async profile(siteId: number, dto: EventsProfileQueryDto): Promise<EventsProfileDto> {
    const of = eventsOf(dto);
    if (!of) throw new DomainError(ErrorCode.Validation, 'session, visitor or user: name whose profile');
    const site = await this.sites.get(siteId);
    const query = {
      site: { id: site.id, timezone: site.timezone },
      range: { from: dto.from, to: dto.to },
      bots: dto.bots ?? false,
      of,
    };
    const [[figures], visits] = await Promise.all([
      this.clickhouse.rows<ProfileRow>(profileSql(query)),
      this.clickhouse.rows<ProfileVisitRow>(profileVisitsSql(query)),
    ]);
    const events = Number(figures.events);
    return {
      ...reportHeader(query),
      of: of.parameter,
      value: of.value,
      events,
      pageviews: Number(figures.pageviews),
      visits: Number(figures.visits),
      // Without events, min and max are the epoch: none.
      firstSeen: events > 0 ? figures.first_seen : null,
      lastSeen: events > 0 ? figures.last_seen : null,
      countries: figures.countries,
      devices: figures.devices,
      browsers: figures.browsers,
      systems: figures.systems,
      city: figures.city,
      userId: figures.user_id,
      visitList: visits.map((visit) => ({
        sessionId: visit.session_id,
        started: visit.started,
        ended: visit.ended,
        events: Number(visit.events),
        pageviews: Number(visit.pageviews),
        entryPage: visit.entry_page,
        exitPage: visit.exit_page,
        source: visit.source,
        country: visit.country,
        device: visit.device,
        browser: visit.browser,
      })),
    };
  }

  /**
   * The page's rows and one more, from the newest events' oldest time on (newestSql). Bounded there, the
   * rows are the newest wherever they fill the page: none older was left out. Short of it with as many
   * newest events as were read, copies filled them; then the page is read unbounded.
   */
  private async newestRows(query: EventsQuery): Promise<EventRow[]> {
    const newest = await this.newest(query);
    const found = Number(newest.found);
    if (found === 0) return [];
    const rows = await this.clickhouse.rows<EventRow>(eventsSql(query, newest.oldest));
    return rows.length > query.limit || found < newestEventsRead(query)
      ? rows
      : this.clickhouse.rows<EventRow>(eventsSql(query));
  }

  /** The newest events' oldest time and how many were read: from the recent days where they hold enough. */
  private async newest(query: EventsQuery): Promise<{ oldest: string; found: string }> {
    const read = async (recentFrom?: string) =>
      (await this.clickhouse.rows<{ oldest: string; found: string }>(newestSql(query, recentFrom)))[0];
    const recentFrom = recentDaysFrom(query);
    if (recentFrom !== undefined) {
      const recent = await read(recentFrom);
      if (Number(recent.found) >= newestEventsRead(query)) return recent;
    }
    return read();
  }
}
