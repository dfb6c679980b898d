import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ReportQueryDto } from '../../dto/report-query.dto.js';
import { MAX_RETENTION_DAYS, RETENTION_PERIODS, type RetentionPeriod } from '../../query/retention.js';

/** An event name as the contract bounds it (event-contract.ts: name, 64 characters). */
const MAX_EVENT_NAME_LENGTH = 64;

/** `GET /api/sites/:siteId/retention`. */
export class RetentionQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    enum: RETENTION_PERIODS,
    default: 'week',
    description:
      `Cohorts and returns by day (a range of at most ${MAX_RETENTION_DAYS.day} days), week (from Monday) or ` +
      'month, in the site’s time zone',
  })
  @IsOptional()
  @IsIn(RETENTION_PERIODS, { message: `$property must be one of ${RETENTION_PERIODS.join(', ')}` })
  period?: RetentionPeriod;

  @ApiPropertyOptional({
    description: 'A visitor returns by an event of this name; default any visit',
    example: 'purchase',
    minLength: 1,
    maxLength: MAX_EVENT_NAME_LENGTH,
  })
  @IsOptional()
  @IsString({ message: `$property must be an event name of 1 to ${MAX_EVENT_NAME_LENGTH} characters` })
  @Length(1, MAX_EVENT_NAME_LENGTH, {
    message: `$property must be an event name of 1 to ${MAX_EVENT_NAME_LENGTH} characters`,
  })
  returnEvent?: string;
}
