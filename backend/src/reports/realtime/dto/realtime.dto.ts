import { ApiProperty } from '@nestjs/swagger';
import type { StreamedEvent } from '../../query/realtime.js';

export class RealtimePageDto {
  @ApiProperty({ example: '/pricing' }) page!: string;
  @ApiProperty({ type: 'integer', description: 'Pageviews of the page in the last 5 minutes' })
  pageviews!: number;
}

export class RealtimeSourceDto {
  @ApiProperty({ example: 'Google', description: 'Referrer source; empty for direct visits' })
  source!: string;
  @ApiProperty({ type: 'integer', description: 'Visitors active in the last 5 minutes who came from it' })
  visitors!: number;
}

export class RealtimeMinuteDto {
  @ApiProperty({ format: 'date-time', description: 'The minute’s first instant (UTC)' }) minute!: string;
  @ApiProperty({ type: 'integer', description: 'Pageviews first seen in that minute' }) pageviews!: number;
}

/** Right now on a site: the last 5 minutes, and the pageviews of the last 30 minutes, by minute. */
export class RealtimeReportDto {
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty({ format: 'date-time', description: 'Where the 5 minutes begin (UTC)' }) since!: string;
  @ApiProperty({ type: 'integer', description: 'Visitors with an event in the last 5 minutes' })
  visitors!: number;
  @ApiProperty({ type: 'integer', description: 'Pageviews in the last 5 minutes' }) pageviews!: number;
  @ApiProperty({ type: [RealtimePageDto], description: 'The 10 most viewed pages, most pageviews first' })
  pages!: RealtimePageDto[];
  @ApiProperty({ type: [RealtimeSourceDto], description: 'The 10 sources of most visitors, most first' })
  sources!: RealtimeSourceDto[];
  @ApiProperty({
    type: [RealtimeMinuteDto],
    description: 'The last 30 minutes, oldest first, the minute under way last: pageviews each, 0 for none',
  })
  minutes!: RealtimeMinuteDto[];
}

/** `GET /api/sites/:siteId/realtime/last-event`: whether the site's snippet sends anything yet. */
export class LastEventDto {
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: 'string',
    description: "When the site's newest event stored arrived (bots' left out); null before its first",
  })
  lastEventAt!: string | null;
}

/**
 * The data of one `event` message of the live stream (`realtime/stream`), in the OpenAPI description so its
 * readers (the panel) use this type rather than a copy. The stream itself is text/event-stream. It implements
 * StreamedEvent, what the poller sends, so a field added there and not here fails to compile.
 */
export class RealtimeEventDto implements StreamedEvent {
  @ApiProperty({ description: 'The event id: copies and resends share it, and the stream sends it once' })
  id!: string;
  @ApiProperty({ type: 'integer', description: 'Unix seconds of its first arrival' }) ts!: number;
  @ApiProperty({ example: 'pageview', description: 'The event name' }) name!: string;
  @ApiProperty({ example: '/pricing' }) page!: string;
  @ApiProperty({ example: 'DE', description: 'Country code; empty when unknown' }) country!: string;
  @ApiProperty({ example: 'desktop', description: 'Device type; empty when unknown' }) device!: string;
  @ApiProperty({ example: 'Chrome' }) browser!: string;
  @ApiProperty({ example: 'Google', description: 'Referrer source; empty for direct visits' })
  source!: string;
}
