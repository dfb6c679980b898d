import { Link } from 'wouter';
import { useSession } from '../auth/session';
import { botLines, reasonLines, visitorEventsAccepted } from '../health/health-data';
import { HealthTable } from '../health/HealthTable';
import { useIngestHealthQuery } from '../health/useIngestHealthQuery';
import { WAITING_REFRESH_MS } from '../realtime/useLastEventQuery';
import { reportPath } from '../reports/report-catalogue';
import { formatCountOf } from '../shared/format';
import { Snippet } from '../shared/Snippet';
import type { Site } from '../sites/api';

/**
 * A site that has never sent an event, in place of its empty overview (Plausible's "waiting for the first
 * pageview"): the three steps, the site's own snippet, and what reached the edge for the site meanwhile (beacons
 * it refused, a headless browser's visits taken for a bot's), read again every few seconds. The overview
 * takes its place once the first event is stored (useFirstVisit).
 */
export function WaitingForFirstVisit({ site }: { site: Site }) {
  const { user } = useSession();
  const health = useIngestHealthQuery(site.id, WAITING_REFRESH_MS).data;
  const refused = reasonLines(health?.site?.refused ?? []);
  const bots = health ? botLines(health) : [];
  const onTheWay = health ? visitorEventsAccepted(health) : 0;
  return (
    <section className="card waiting-card" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">
        <span className="live-dot is-waiting" aria-hidden="true" />
        Waiting for the first visit to {site.domain}
      </h2>
      <p>
        This page looks every few seconds and shows the reports as soon as a visit is in.
        {user?.role !== 'viewer' && (
          <>
            {' '}
            Meanwhile, a <Link href="/sites">demo site</Link> with two months of generated traffic shows every
            report.
          </>
        )}
      </p>
      <ol className="waiting-steps">
        <li>
          Paste the snippet on every page of {site.domain}:
          <Snippet label="Snippet" text={site.snippet} />
        </li>
        <li>
          Forward <code>/telemetry/</code> on {site.domain} to this Sluice: the{' '}
          <Link href="/sites">Sites</Link> page has the lines for nginx, Caddy and Apache.
        </li>
        <li>
          Open a page of {site.domain} in your browser. Visits of automated and headless browsers are taken
          for a bot's, and reports leave them out.
        </li>
      </ol>
      {onTheWay > 0 && (
        <p role="status">
          The edge has taken {formatCountOf(onTheWay, 'event')} of {site.domain}: they show here once the
          pipeline has stored them.
        </p>
      )}
      {(refused.length > 0 || bots.length > 0) && (
        <div className="waiting-diagnosis" role="status">
          <p>
            The edge has heard from {site.domain}, but kept nothing the reports count (
            <Link href={reportPath(site.id, 'health', '')}>Ingest health</Link> has the details):
          </p>
          {refused.length > 0 && <HealthTable title="Refused" lines={refused} empty="" />}
          {bots.length > 0 && <HealthTable title="From bots" lines={bots} empty="" />}
        </div>
      )}
    </section>
  );
}
