import { ApiProperty } from '@nestjs/swagger';

/** Whether a source of the figures answered: `not_configured` (no URL set) or `unreachable` (it did not answer). */
export const SOURCE_STATES = ['ok', 'not_configured', 'unreachable'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export class ReasonCountDto {
  @ApiProperty({ description: "The edge's code: missing_name, origin_not_allowed, rate_limited…" })
  reason!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class BotCountDto {
  @ApiProperty({
    description:
      'Why the edge took the events for a bot’s: crawler (isbot’s list), automation, library (an HTTP client), ' +
      'no_user_agent, impossible_headers, foreign_hostname (a page on another host), too_many_visitors ' +
      '(one address minting visitor ids in persistent mode)',
  })
  kind!: string;
  @ApiProperty({
    enum: ['flagged', 'dropped'],
    description: "What the site's bot policy did: flagged (stored with is_bot = 1) or dropped (not stored)",
  })
  action!: string;
  @ApiProperty({ type: 'integer' }) events!: number;
}

/** What the edge counted for this site since it last started. */
export class SiteIntakeDto {
  @ApiProperty({
    type: 'integer',
    description: 'Events written for the pipeline (bots the site flags included)',
  })
  accepted!: number;
  @ApiProperty({
    type: [ReasonCountDto],
    description:
      'Events refused by reason, most first: invalid events by their code, whole batches by theirs',
  })
  refused!: ReasonCountDto[];
  @ApiProperty({ type: [BotCountDto], description: 'Events of bots by kind and action, most first' })
  bots!: BotCountDto[];
}

/** Figures of the whole node: every site's traffic shares them. */
export class NodeIntakeDto {
  @ApiProperty({
    type: [ReasonCountDto],
    description:
      'Requests refused by reason across all sites, most first, rate_limited included: the rate limit and ' +
      'an unreadable or unknown batch are refused before the site is known',
  })
  refusedRequests!: ReasonCountDto[];
  @ApiProperty({
    type: 'integer',
    description: "Bytes in the edge's events folder the pipeline has not shipped",
  })
  backlogBytes!: number;
  @ApiProperty({ type: 'integer', description: 'The most the events folder may hold' }) budgetBytes!: number;
  @ApiProperty({ description: 'True while beacons are refused because the folder is at its budget' })
  refusing!: boolean;
}

/** The shipper's figures: one pipeline serves every site. */
export class PipelineHealthDto {
  @ApiProperty({ description: 'Age in seconds of the oldest line not yet in ClickHouse (0 when caught up)' })
  lagSeconds!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes of the edge files not yet in ClickHouse' })
  lagBytes!: number;
  @ApiProperty({ type: 'integer', description: 'Rows ClickHouse acknowledged since the shipper started' })
  rowsShipped!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Lines written to the dead-letter file since the shipper started',
  })
  deadLetters!: number;
  @ApiProperty({ type: 'integer', description: 'Rows ClickHouse refused (dead-lettered with their reason)' })
  rowsRefused!: number;
  @ApiProperty({ type: 'integer', description: 'Inserts that failed and were retried' })
  insertFailures!: number;
}

/** `GET /api/sites/:siteId/ingest-health`: the edge's and the pipeline's counters as read now. */
export class IngestHealthDto {
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty({ format: 'date-time', description: 'When the counters were read (they have no history)' })
  readAt!: string;
  @ApiProperty({ enum: SOURCE_STATES }) edge!: SourceState;
  @ApiProperty({ type: SiteIntakeDto, nullable: true, description: 'Null unless the edge answered' })
  site!: SiteIntakeDto | null;
  @ApiProperty({ type: NodeIntakeDto, nullable: true, description: 'Null unless the edge answered' })
  node!: NodeIntakeDto | null;
  @ApiProperty({ enum: SOURCE_STATES, description: 'The shipper; Vector exports no figures here' })
  shipper!: SourceState;
  @ApiProperty({ type: PipelineHealthDto, nullable: true, description: 'Null unless the shipper answered' })
  pipeline!: PipelineHealthDto | null;
}
