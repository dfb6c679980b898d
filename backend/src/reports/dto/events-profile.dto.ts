import { ApiProperty, PickType } from '@nestjs/swagger';
import { EVENT_OWNER_FIELDS, type EventOwnerParameter } from '../query/events.js';
import { EventsQueryDto } from './events.dto.js';
import { ReportRangeDto } from './report.dto.js';

/** `GET /api/sites/:siteId/events/profile`: whose (exactly one of session, visitor, user), over which days. */
export class EventsProfileQueryDto extends PickType(EventsQueryDto, [
  'from',
  'to',
  'session',
  'visitor',
  'user',
  'bots',
] as const) {}

const OWNERS = Object.keys(EVENT_OWNER_FIELDS) as EventOwnerParameter[];

/** One of their visits, from its events. */
export class ProfileVisitDto {
  @ApiProperty({ description: 'The visit’s session_id: the events explorer’s `session=`' })
  sessionId!: string;
  @ApiProperty({ example: '2026-11-20 09:30:00', description: 'Its first event, UTC' }) started!: string;
  @ApiProperty({ example: '2026-11-20 09:41:12', description: 'Its last event, UTC' }) ended!: string;
  @ApiProperty({ type: 'integer' }) events!: number;
  @ApiProperty({ type: 'integer' }) pageviews!: number;
  @ApiProperty({ description: 'Its first pageview’s path, empty without one' }) entryPage!: string;
  @ApiProperty({ description: 'Its last pageview’s path, empty without one' }) exitPage!: string;
  @ApiProperty({ description: 'Where it came from (referrer_source), empty if direct' }) source!: string;
  @ApiProperty() country!: string;
  @ApiProperty() device!: string;
  @ApiProperty() browser!: string;
}

/** A visit's, visitor's or signed-in user's figures over the range, and their newest visits. */
export class EventsProfileDto extends ReportRangeDto {
  @ApiProperty({ enum: OWNERS, description: 'Whose: the parameter asked' }) of!: EventOwnerParameter;
  @ApiProperty({ description: 'Its value, as asked' }) value!: string;
  @ApiProperty({ type: 'integer', description: 'Their events, each once' }) events!: number;
  @ApiProperty({ type: 'integer' }) pageviews!: number;
  @ApiProperty({ type: 'integer', description: 'Their visits (distinct session ids)' }) visits!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Their first event, UTC; null without events' })
  firstSeen!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Their last event, UTC; null without events' })
  lastSeen!: string | null;
  @ApiProperty({ type: [String], description: 'Country codes they came from, sorted' }) countries!: string[];
  @ApiProperty({ type: [String] }) devices!: string[];
  @ApiProperty({ type: [String] }) browsers!: string[];
  @ApiProperty({ type: [String], description: 'Operating systems' }) systems!: string[];
  @ApiProperty({ description: 'Their latest city, empty if unknown' }) city!: string;
  @ApiProperty({ description: 'The latest user id the site gave them (setUserId), empty if none' })
  userId!: string;
  @ApiProperty({
    type: [ProfileVisitDto],
    description: 'Their newest visits, newest first, at most 20 (`visits` counts them all)',
  })
  visitList!: ProfileVisitDto[];
}
