import { addDays, daysInRange } from '../common/calendar.js';
import type { DateRange } from '../reports/query/report-query.js';
import type { QuestionRangeDto } from './dto/report-request.dto.js';

/** The first day of the month before `day`'s. */
const previousMonthStart = (day: string) => `${addDays(`${day.slice(0, 8)}01`, -1).slice(0, 8)}01`;

/**
 * The days a question's range covers, `today` being today's date in the site's time zone: the model names
 * a period ("last 7 days"), this code does the calendar arithmetic. Presets end today, as the panel's do
 * (saved-view.ts); `this_month` is the month so far.
 */
export function resolveRange(range: QuestionRangeDto, today: string): DateRange {
  const lastDays = (days: number) => ({ from: addDays(today, 1 - days), to: today });
  switch (range.period) {
    case 'today':
      return lastDays(1);
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last_7_days':
      return lastDays(7);
    case 'last_30_days':
      return lastDays(30);
    case 'this_month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last_month':
      return { from: previousMonthStart(today), to: addDays(`${today.slice(0, 8)}01`, -1) };
    case 'last_days':
      return lastDays(range.days ?? 7);
    case 'custom':
      return { from: range.from ?? today, to: range.to ?? today };
  }
}

/** The comparison range: the days of the same length just before `range`. */
export function previousPeriod(range: DateRange): DateRange {
  const days = daysInRange(range.from, range.to);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}
