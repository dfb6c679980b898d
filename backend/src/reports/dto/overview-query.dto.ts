import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isCalendarDate } from '../../clickhouse/sql-binder.js';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCalendarDate(value);
  }

  defaultMessage(): string {
    return 'must be a calendar date as YYYY-MM-DD';
  }
}

/** A range of whole days, both ends included, in the site's time zone. */
export class OverviewQueryDto {
  @Validate(CalendarDate)
  from: string;

  @Validate(CalendarDate)
  to: string;
}
