import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { daysInRange, isCalendarDate } from '../../common/calendar.js';
import { ApiProperty } from '@nestjs/swagger';

/** The longest range a report answers: a leap year. */
export const MAX_RANGE_DAYS = 366;

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => '$property must be a calendar date as YYYY-MM-DD',
      },
    },
    options,
  );

/**
 * A rule on the number of days from the start field (`from`, `compareFrom`) to the end field it
 * decorates; it waits until both are dates, which have their own rule.
 */
export const RangeDays = (
  name: string,
  ok: (days: number) => boolean,
  message: string,
  startField = 'from',
) =>
  ValidateBy({
    name,
    validator: {
      validate: (to: unknown, args?: ValidationArguments) => {
        const from = (args?.object as Record<string, unknown> | undefined)?.[startField];
        return !isCalendarDate(to) || !isCalendarDate(from) || ok(daysInRange(from, to));
      },
      defaultMessage: () => message,
    },
  });

/** Whole days, both ends included, counted in the site's time zone. Every report's query extends it. */
export class DateRangeDto {
  @ApiProperty({ description: 'First day, in the site’s time zone', example: '2026-11-01', format: 'date' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    description: 'Last day, included; at most 365 days after from',
    example: '2026-11-30',
    format: 'date',
  })
  @IsCalendarDate()
  @RangeDays('endsAfterStart', (days) => days >= 1, '$property must not be before from')
  @RangeDays(
    'spansAtMost',
    (days) => days <= MAX_RANGE_DAYS,
    `$property must be at most ${MAX_RANGE_DAYS - 1} days after from (a range spans at most ${MAX_RANGE_DAYS} days)`,
  )
  to!: string;
}
