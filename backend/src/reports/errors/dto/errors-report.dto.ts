import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';

const GROUP_DESCRIPTION =
  '16 hex digits of MD5 of the normalised message (UUIDs, hex numbers and digit runs replaced) and the top ' +
  'stack frame (else the script and line): stable, so a link to a group stays valid';
const LOCAL_TIME = {
  description: "In the site's time zone, YYYY-MM-DD HH:MM:SS",
  example: '2026-11-20 17:30:05',
};

/** How often an error happened with one value (a page, a browser). */
export class ErrorValueDto {
  @ApiProperty({ description: 'The page path or the browser; empty when unknown' }) value!: string;
  @ApiProperty({ type: 'integer', description: 'Error events (each event id once)' }) occurrences!: number;
  @ApiProperty({ type: 'integer', description: 'Visitors they happened to' }) visitors!: number;
}

export class ErrorGroupDto {
  @ApiProperty({ description: GROUP_DESCRIPTION }) group!: string;
  @ApiProperty({ description: 'The latest occurrence’s message' }) message!: string;
  @ApiProperty({ description: 'The top stack frame, or script:line; empty when the error had neither' })
  frame!: string;
  @ApiProperty({ type: 'integer', description: 'Error events in the range (each event id once)' })
  occurrences!: number;
  @ApiProperty({ type: 'integer', description: 'Visitors who met it' }) visitors!: number;
  @ApiProperty({ type: 'integer', description: 'Visits it happened in' }) visits!: number;
  @ApiProperty({ ...LOCAL_TIME, description: `First occurrence in the range. ${LOCAL_TIME.description}` })
  firstSeen!: string;
  @ApiProperty({ ...LOCAL_TIME, description: `Last occurrence in the range. ${LOCAL_TIME.description}` })
  lastSeen!: string;
  @ApiProperty({
    ...LOCAL_TIME,
    description:
      'First occurrence ever (under the same filters): firstSeen when the error first happened in the range, ' +
      `which makes it new there. ${LOCAL_TIME.description}`,
  })
  firstSeenEver!: string;
  @ApiProperty({ description: 'The latest occurrence’s stack trace (empty when it had none)' })
  sampleStack!: string;
  @ApiProperty({ type: [ErrorValueDto], description: 'Its top pages, most occurrences first' })
  pages!: ErrorValueDto[];
  @ApiProperty({ type: [ErrorValueDto], description: 'Its top browsers, most occurrences first' })
  browsers!: ErrorValueDto[];
}

export class ErrorsReportDto extends ReportRangeDto {
  @ApiProperty({ type: [ErrorGroupDto], description: 'Most occurrences first, then by group id' })
  groups!: ErrorGroupDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class ErrorDayDto {
  @ApiProperty({ format: 'date', description: 'A day in the site’s zone' }) day!: string;
  @ApiProperty({ type: 'integer' }) occurrences!: number;
  @ApiProperty({ type: 'integer' }) visitors!: number;
  @ApiProperty({ type: 'integer' }) visits!: number;
}

export class ErrorSampleDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty(LOCAL_TIME) seenAt!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'Its top stack frame, or script:line' }) frame!: string;
  @ApiProperty() stack!: string;
  @ApiProperty({ description: 'URL of the script that threw' }) script!: string;
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty({ type: 'integer' }) column!: number;
  @ApiProperty() page!: string;
  @ApiProperty() browser!: string;
}

/** One group: its summary, every day of the range, its pages and browsers, its latest occurrences. */
export class ErrorGroupReportDto extends ReportRangeDto {
  @ApiProperty({ type: ErrorGroupDto }) summary!: ErrorGroupDto;
  @ApiProperty({ type: [ErrorDayDto], description: 'Every day of the range, days without occurrences at 0' })
  days!: ErrorDayDto[];
  @ApiProperty({ type: [ErrorSampleDto], description: 'The latest occurrences, newest first' })
  samples!: ErrorSampleDto[];
}
