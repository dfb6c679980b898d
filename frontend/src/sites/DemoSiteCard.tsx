import { useState } from 'react';
import { Link } from 'wouter';
import { useSession } from '../auth/session';
import { reportPath } from '../reports/report-catalogue';
import { DEFAULT_VIEW } from '../routing/report-view';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/useAction';
import { useApiQuery } from '../shared/useApiQuery';
import { DEMO_SITE } from '../../../config/src/demo-site.js';
import { createDemoSite, fetchDemoSiteStatus, type DemoSiteStatus, type Site } from './api';
import { demoFinished, demoProgress } from './demo-site-data';

const POLL_MS = 1000;

/**
 * Adding a demo site (admins): a shop with two months of generated traffic, to see every report at once. Once
 * one exists, the card leads to its reports instead.
 */
export function DemoSiteCard({ sites, onCreated }: { sites: Site[] | undefined; onCreated: () => void }) {
  const { accessToken = '' } = useSession();
  const [started, setStarted] = useState<DemoSiteStatus>();
  const create = useAction(
    () => createDemoSite(accessToken, DEMO_SITE.events),
    (status) => {
      setStarted(status);
      onCreated();
    },
  );
  const existing = sites?.find(({ domain }) => domain === DEMO_SITE.domain);
  return (
    <section className="card" aria-label="Demo site">
      <h2>Try it on a demo site</h2>
      <p>
        A shop with {DEMO_SITE.days} days of generated visits up to now, which go on arriving live: sources
        and campaigns, countries and devices, clicks, custom events with revenue, errors and web vitals, four
        goals, a checkout experiment under a feature flag and a dashboard. Delete it as any site.
      </p>
      <ErrorNotice message={create.error} />
      {started ? (
        <DemoSiteProgress started={started} />
      ) : existing ? (
        <p>
          {existing.name} is below: <Link href={overviewOf(existing.id)}>see its reports</Link>.
        </p>
      ) : (
        <button type="button" onClick={() => void create.run()} disabled={create.busy}>
          Add demo site
        </button>
      )}
    </section>
  );
}

/** A site's overview over the last 30 days, which a demo site fills. */
const overviewOf = (siteId: number) => reportPath(siteId, 'overview', { ...DEFAULT_VIEW, period: '30d' });

/** The demo site's progress, asked every second until it is ready (or failed). */
function DemoSiteProgress({ started }: { started: DemoSiteStatus }) {
  const [finished, setFinished] = useState(false);
  const query = useApiQuery(
    ['demo-site', started.siteId],
    (token, signal) => fetchDemoSiteStatus(token, started.siteId, signal),
    { refreshEveryMs: finished ? undefined : POLL_MS },
  );
  const status = query.data ?? started;
  if (demoFinished(status) !== finished) setFinished(demoFinished(status));
  const { text, fraction } = demoProgress(status);
  return (
    <div className="demo-progress" role="status">
      {!demoFinished(status) && <progress value={fraction} max={1} aria-label="Demo site progress" />}
      <p>
        {text} {status.stage === 'ready' && <Link href={overviewOf(status.siteId)}>See its reports</Link>}
      </p>
    </div>
  );
}
