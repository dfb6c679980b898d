import { addDays, localDateOf } from '../common/calendar.js';

/** The last whole week (Monday to Sunday, in the site's zone) before the one `now` falls in. */
export function lastWholeWeek(now: number, timeZone: string): { from: string; to: string } {
  const today = localDateOf(now, timeZone);
  const sinceMonday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -sinceMonday - 7);
  return { from, to: addDays(from, 6) };
}
