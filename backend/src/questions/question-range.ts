import { periodDays, QUESTION_VIEW_PERIODS, shiftDays } from '@sluice/config';
import type { DateRange } from '../reports/query/report-query.js';
import type { QuestionRangeDto } from './dto/report-request.dto.js';

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
      return periodDays(QUESTION_VIEW_PERIODS[range.period], undefined, today);
  }
}
