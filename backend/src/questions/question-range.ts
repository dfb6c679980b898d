import { periodDays, shiftDays, type ViewPeriod } from '@sluice/config';
import type { DateRange } from '../reports/query/report-query.js';
import type { QuestionRangeDto, RangePeriod } from './dto/report-request.dto.js';

/** The panel's period of each range a question names that has one: the same days (config/src/view-periods.ts). */
const VIEW_PERIOD: Record<Exclude<RangePeriod, 'last_days' | 'custom'>, ViewPeriod> = {
  today: 'today',
  yesterday: 'yesterday',
  last_7_days: '7d',
  last_30_days: '30d',
  this_month: 'month',
  last_month: 'last_month',
};

/**
 * The days a question's range covers, `today` being today's date in the site's time zone: the model names
 * a period ("last 7 days"), this code does the calendar arithmetic, the panel's for the periods it shares.
 */
export function resolveRange(range: QuestionRangeDto, today: string): DateRange {
  switch (range.period) {
    case 'last_days':
      return { from: shiftDays(today, 1 - (range.days ?? 7)), to: today };
    case 'custom':
      return { from: range.from ?? today, to: range.to ?? today };
    default:
      return periodDays(VIEW_PERIOD[range.period], undefined, today);
  }
}
