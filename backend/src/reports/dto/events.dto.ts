import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EVENT_ROW, EVENT_ROW_FIELDS, type EventRow, type FieldType } from '@sluice/config';
import { FormatProperty, type Format } from './format.js';
import { DateRangeDto } from './date-range.dto.js';
import { ReportRangeDto } from './report.dto.js';
import { EVENT_OWNER_FIELDS, type EventOwnerParameter } from '../query/events.js';

/** At most this many events a page: a page is read whole before it is answered. */
export const MAX_EVENTS_PAGE = 1000;
const PAGE_RULE = `$property must be an integer from 1 to ${MAX_EVENTS_PAGE}`;

/**
 * A parameter that narrows the events to those whose contract `field` equals it (a visit's, a visitor's or a
 * user's): a non-empty string no longer than the field may be.
 */
function OwnerParameter(parameter: EventOwnerParameter, description: string): PropertyDecorator {
  const field = EVENT_OWNER_FIELDS[parameter];
  const { maxLength } = EVENT_ROW[field];
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength }),
    IsOptional(),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters, as ${field} is` }),
  );
}

/** `GET /api/sites/:siteId/events`. */
export class EventsQueryDto extends DateRangeDto {
  @ApiPropertyOptional({
    description:
      'A JSON filter tree as the reports take it (see breakdown); entry_page and exit_page describe visits and are refused',
    example: '[{"dimension":"event_name","operator":"is","value":"signup"}]',
  })
  @IsOptional()
  @IsString()
  filters?: string;

  @OwnerParameter('session', "Only this visit's events: its session_id, as an event of it carries it")
  session?: string;

  @OwnerParameter('visitor', "Only this visitor's events: their visitor_id, as an event of theirs carries it")
  visitor?: string;

  @OwnerParameter(
    'user',
    "Only this signed-in user's events, on any device: the site's own user_id (setUserId)",
  )
  user?: string;

  @ApiPropertyOptional({ description: 'Include rows the edge flagged as bots', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '$property must be true or false' })
  bots?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EVENTS_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: PAGE_RULE })
  @Min(1, { message: PAGE_RULE })
  @Max(MAX_EVENTS_PAGE, { message: PAGE_RULE })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor: the events after it, older ones" })
  @IsOptional()
  @IsString()
  cursor?: string;

  /** csv: every event of the range (at most MAX_EXPORT_EVENTS), not a page: limit and cursor are for pages. */
  @FormatProperty()
  format?: Format;
}

const OPENAPI_TYPES: Record<FieldType, Record<string, unknown>> = {
  uuid: { type: 'string', format: 'uuid' },
  uint32: { type: 'integer', minimum: 0 },
  float32: { type: 'number' },
  decimal: { type: 'number' },
  flag: { type: 'integer', enum: [0, 1] },
  datetime: { type: 'string', example: '2026-11-20 09:30:00', description: 'UTC' },
  string: { type: 'string' },
  'string[]': { type: 'array', items: { type: 'string' } },
};

/** One stored event: every field of the event contract, as the contract names and describes it. */
export class EventDto implements Partial<EventRow> {}
// One property per contract field, from the contract itself, so the description can't drift from it.
for (const name of EVENT_ROW_FIELDS) {
  const spec = EVENT_ROW[name];
  const openApi = OPENAPI_TYPES[spec.type];
  ApiProperty({ ...openApi, description: [spec.description, openApi.description].filter(Boolean).join(' ') })(
    EventDto.prototype,
    name,
  );
}

export class EventsPageDto extends ReportRangeDto {
  @ApiProperty({ type: [EventDto], description: 'Newest first (by ts, then event id); each event once' })
  events!: EventRow[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as cursor for the next (older) page; null on the last page',
  })
  nextCursor!: string | null;
}
