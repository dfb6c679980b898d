import { Link } from 'wouter';
import { useLastEventQuery } from '../realtime/useLastEventQuery';
import { reportPath } from '../reports/report-catalogue';
import { formatDateTime, formatTimeAgo } from '../shared/format';

/** A site whose last event is older than this is quiet: its snippet may have gone from its pages. */
const QUIET_AFTER_MS = 86_400_000;

/**
 * Whether the site's snippet sends anything: when its last event came (and a link to its reports), or that none
 * has yet (asked again every few seconds until one does, so the line changes by itself once a page is seen).
 */
export function SiteActivity({ siteId, domain }: { siteId: number; domain: string }) {
  const lastEvent = useLastEventQuery(siteId).data;
  // Its room kept before the answer: the snippet under it does not move when it comes.
  if (!lastEvent) return <p className="site-activity" />;
  const at = lastEvent.lastEventAt;
  if (at === null) {
    return (
      <p className="site-activity is-waiting">
        <span className="live-dot is-waiting" aria-hidden="true" />
        No events yet: paste the snippet on every page of {domain}, then open one of them.
      </p>
    );
  }
  const now = new Date();
  const quiet = now.getTime() - Date.parse(at) > QUIET_AFTER_MS;
  return (
    <p className={quiet ? 'site-activity is-quiet' : 'site-activity'}>
      <span className={quiet ? 'live-dot' : 'live-dot is-receiving'} aria-hidden="true" />
      {quiet ? 'Quiet: the last event came ' : 'Receiving events: the last came '}
      <time dateTime={at} title={formatDateTime(at)}>
        {formatTimeAgo(at, now)}
      </time>
      . <Link href={reportPath(siteId, 'overview', '')}>See its reports</Link>
    </p>
  );
}
