import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { SitesService } from '../sites/sites.service.js';
import type { EventsPageDto, EventsQueryDto } from './dto/events.dto.js';
import { eventsCsvSql } from './query/csv.js';
import { eventsSql, type EventsQuery } from './query/events.js';
import { encodeEventsCursor, parseEventsCursor, parseFilters } from './query/parse-request.js';
import { reportHeader } from './report-kind.js';

const DEFAULT_PAGE = 100;

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
    const found = await this.clickhouse.rows<EventRow>(eventsSql(query));
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
}
