import { formatDateTime } from '../shared/format';
import { siteTimeToInstant, timeAgo } from './errors-data';

/** A time of the site's zone as "3h ago", with the exact time and zone on hover (its title, also read as its description). */
export function ErrorTime({ at, timeZone }: { at: string; timeZone: string }) {
  const instant = siteTimeToInstant(at, timeZone);
  const exact = `${formatDateTime(new Date(instant), undefined, timeZone)} (${timeZone})`;
  return (
    <time dateTime={new Date(instant).toISOString()} title={exact}>
      {timeAgo(instant, Date.now())}
    </time>
  );
}
