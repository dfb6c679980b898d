import { Injectable } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { SitesService } from '../sites/sites.service.js';
import type { EventsPageDto, EventsQueryDto } from './dto/events.dto.js';
import { eventsSql, type EventsQuery } from './query/events.js';
import { encodeEventsCursor, parseEventsCursor, parseFilters } from './query/parse-request.js';

const DEFAULT_PAGE = 100;

/** The events explorer: a site's raw events, a page at a time, through the one query entry point. */
@Injectable()
export class EventsService {
  constructor(
    private readonly sites: SitesService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async page(siteId: number, dto: EventsQueryDto): Promise<EventsPageDto> {
    const site = await this.sites.get(siteId);
    const query: EventsQuery = {
      site: { id: site.id, timezone: site.timezone },
      range: { from: dto.from, to: dto.to },
      filters: parseFilters(dto.filters),
      bots: dto.bots ?? false,
      after: parseEventsCursor(dto.cursor),
      limit: dto.limit ?? DEFAULT_PAGE,
    };
    const found = await this.clickhouse.rows<EventRow>(eventsSql(query));
    const events = found.slice(0, query.limit);
    const last = events.at(-1);
    return {
      siteId: site.id,
      ...query.range,
      timezone: site.timezone,
      events,
      nextCursor:
        found.length > query.limit && last
          ? encodeEventsCursor({ ts: last.ts, eventId: last.event_id })
          : null,
    };
  }
}
