import { useState, type FormEvent } from 'react';
// The very files the first-party proxy test runs in a customer's nginx, Caddy and Apache (README, "First-party proxy").
import apacheProxy from '../../../config/first-party-proxy.apache.conf?raw';
import caddyProxy from '../../../config/first-party-proxy.Caddyfile?raw';
import nginxProxy from '../../../config/first-party-proxy.conf?raw';
import { useSession } from '../auth/session';
import { QueryState } from '../shared/QueryState';
import { useAction } from '../shared/useAction';
import {
  createSite,
  deleteSite,
  rotateSiteKey,
  updateSite,
  type Site,
  type SiteSettings,
  type SiteStatus,
} from './api';
import { DemoSiteCard } from './DemoSiteCard';
import { ChipChoice } from '../shared/ChipChoice';
import { SigningSecrets } from './SigningSecrets';
import { SiteActivity } from './SiteActivity';
import { SiteSnippet } from './SiteSnippet';
import { SiteTraffic } from './SiteTraffic';
import { useLastEventQuery } from '../realtime/useLastEventQuery';
import { siteDomain } from './site-domain';
import { SiteDeletionNotice } from './SiteDeletionNotice';
import { useSitesQuery } from './useSitesQuery';
import { ErrorNotice } from '../shared/ErrorNotice';
import { Snippet } from '../shared/Snippet';
import { TextField } from '../shared/TextField';

/** Adding sites, their snippets and settings. Viewers see them; admins and owners change them. */
export function SitesPage() {
  const sites = useSitesQuery();
  const { user } = useSession();
  const canEdit = user?.role !== 'viewer';
  // Deletions asked for on this page: the site leaves the list at once, its data follows.
  const [deletions, setDeletions] = useState<SiteStatus[]>([]);
  const deleted = (deletion: SiteStatus) => {
    setDeletions((earlier) => [...earlier, deletion]);
    sites.retry();
  };
  return (
    <section className="page-column">
      {deletions.map((deletion) => (
        <SiteDeletionNotice key={deletion.id} deletion={deletion} />
      ))}
      {canEdit && <AddSiteForm onCreated={sites.retry} />}
      {canEdit && <DemoSiteCard sites={sites.data} onCreated={sites.retry} />}
      <QueryState
        query={sites}
        what="your sites"
        isEmpty={(list) => list.length === 0}
        empty={<p>No sites yet.</p>}
      >
        {(list) =>
          list.map((site) => (
            <SiteCard
              key={site.id}
              site={site}
              canEdit={canEdit}
              onChanged={sites.retry}
              onDeleted={deleted}
            />
          ))
        }
      </QueryState>
      <FirstPartyProxyCard />
    </section>
  );
}

/** The first-party proxy for each web server a site may run: where it goes, and the tested snippet. */
const PROXY_SERVERS = [
  {
    name: 'nginx',
    where: (
      <>
        the site's nginx <code>server</code> block
      </>
    ),
    snippet: nginxProxy,
  },
  { name: 'Caddy', where: <>the site's block of its Caddyfile</>, snippet: caddyProxy },
  {
    name: 'Apache',
    where: (
      <>
        the site's <code>&lt;VirtualHost&gt;</code> (with <code>a2enmod proxy_http headers</code>)
      </>
    ),
    snippet: apacheProxy,
  },
];

/** What a site's own server forwards to the edge, so the tracker and its beacons stay on the site's domain. */
function FirstPartyProxyCard() {
  const [server, setServer] = useState(PROXY_SERVERS[0]);
  return (
    <section className="card" aria-label="First-party proxy">
      <header className="card-header">
        <h2>First-party proxy</h2>
        <ChipChoice
          label="First-party proxy: web server"
          options={PROXY_SERVERS}
          chosen={server}
          nameOf={(candidate) => candidate.name}
          onChoose={setServer}
        />
      </header>
      <p>
        Every snippet loads the tracker from <code>/telemetry/</code> on the site's own domain. In{' '}
        {server.where}, forward that path to this Sluice edge (with its address in place of{' '}
        <code>EDGE_ORIGIN</code>), and list the server's address in <code>EDGE_TRUSTED_PROXIES</code>:
      </p>
      <Snippet label="First-party proxy snippet" text={server.snippet} />
    </section>
  );
}

function AddSiteForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [added, setAdded] = useState<string>();
  const { accessToken = '' } = useSession();
  const create = useAction(
    (settings: Partial<SiteSettings>) => createSite(accessToken, settings),
    (site) => {
      setName('');
      setDomain('');
      setAdded(site.domain);
      onCreated();
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run({
      name: name.trim(),
      domain: siteDomain(domain),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a site">
      <h2>Add a site</h2>
      <ErrorNotice message={create.error} />
      {added && (
        <p role="status">
          Added {added}: its snippet is in its card below, to paste on every page of the site.
        </p>
      )}
      <TextField label="Name" required value={name} onChange={setName} />
      <TextField label="Domain" required placeholder="shop.example.com" value={domain} onChange={setDomain} />
      <button type="submit" disabled={create.busy}>
        Add site
      </button>
    </form>
  );
}

interface SiteCardProps {
  site: Site;
  canEdit: boolean;
  onChanged: () => void;
  onDeleted: (deletion: SiteStatus) => void;
}

function SiteCard({ site, canEdit, onChanged, onDeleted }: SiteCardProps) {
  const lastEvent = useLastEventQuery(site.id).data;
  const receiving = lastEvent !== undefined && lastEvent.lastEventAt !== null;
  const [name, setName] = useState(site.name);
  const [timezone, setTimezone] = useState(site.timezone);
  const [privacyMode, setPrivacyMode] = useState(site.privacyMode);
  const [botPolicy, setBotPolicy] = useState(site.botPolicy);
  const [origins, setOrigins] = useState(site.allowedOrigins.join('\n'));
  const [blocked, setBlocked] = useState(site.blockedAddresses.join('\n'));
  const [countries, setCountries] = useState(site.blockedCountries.join(' '));
  const [pages, setPages] = useState(site.blockedPages.join('\n'));
  const [retention, setRetention] = useState(site.retentionMonths?.toString() ?? '');
  const [confirm, setConfirm] = useState('');
  const { accessToken = '' } = useSession();
  const save = useAction(
    (changes: Partial<SiteSettings>) => updateSite(accessToken, site.id, changes),
    onChanged,
  );
  const rotate = useAction(() => rotateSiteKey(accessToken, site.id), onChanged);
  const remove = useAction(() => deleteSite(accessToken, site.id, confirm), onDeleted);
  const error = save.error ?? rotate.error ?? remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run({
      name: name.trim(),
      timezone,
      privacyMode,
      botPolicy,
      allowedOrigins: origins.split(/\s+/).filter(Boolean),
      blockedAddresses: blocked.split(/\s+/).filter(Boolean),
      blockedCountries: countries
        .toUpperCase()
        .split(/[\s,]+/)
        .filter(Boolean),
      blockedPages: pages.split(/\s+/).filter(Boolean),
      retentionMonths: retention ? Number(retention) : null,
    });
  };

  return (
    <article className="card" aria-label={`Site ${site.domain}`}>
      <h2>
        {site.name} <small>{site.domain}</small>
      </h2>
      <SiteActivity siteId={site.id} domain={site.domain} />
      {receiving && <SiteTraffic site={site} />}
      {/* Once pasted, the snippet is folded: a list of live sites reads as their traffic. */}
      <SiteSnippet site={site} folded={receiving} />
      <ErrorNotice message={error} />
      {/* Folded: a list of sites reads as its names and snippets, each site's settings one click away. */}
      <details className="card-settings">
        <summary>{canEdit ? 'Settings, keys and deletion' : 'Settings'}</summary>
        <form onSubmit={submit} aria-label="Settings">
          <fieldset disabled={!canEdit}>
            <TextField label="Name" required value={name} onChange={setName} />
            <TextField label="Time zone" value={timezone} onChange={setTimezone} />
            <label>
              Privacy mode
              <select
                value={privacyMode}
                onChange={(event) => setPrivacyMode(event.target.value as Site['privacyMode'])}
              >
                <option value="cookieless">
                  Cookieless: a daily visitor hash, nothing stored in the browser
                </option>
                <option value="persistent">Persistent: a first-party anonymous id</option>
              </select>
            </label>
            <label>
              Bots and crawlers
              <select
                value={botPolicy}
                onChange={(event) => setBotPolicy(event.target.value as Site['botPolicy'])}
              >
                <option value="drop">Drop: not stored</option>
                <option value="flag">Flag: stored, marked as bots and left out of reports</option>
              </select>
            </label>
            <label>
              Allowed origins (one per line; none: any)
              <textarea value={origins} onChange={(event) => setOrigins(event.target.value)} />
            </label>
            <label>
              Blocked addresses: their visits are not counted (one address or range per line, such as
              198.51.100.0/24 for an office)
              <textarea value={blocked} onChange={(event) => setBlocked(event.target.value)} />
            </label>
            <TextField
              label="Blocked countries: their visits are not counted (two-letter codes such as CN RU)"
              value={countries}
              onChange={setCountries}
            />
            <label>
              Blocked pages: their pageviews and events are not counted (one path per line; * within a
              segment, ** across, such as /admin/**)
              <textarea value={pages} onChange={(event) => setPages(event.target.value)} />
            </label>
            <TextField
              label="Keep data for (months; empty: the server's setting)"
              type="number"
              min={1}
              value={retention}
              onChange={setRetention}
            />
            {canEdit && (
              <button type="submit" disabled={save.busy}>
                Save settings
              </button>
            )}
          </fieldset>
        </form>
        {canEdit && <SigningSecrets site={site} onChanged={onChanged} />}
        {canEdit && (
          <div className="danger-zone">
            <button type="button" disabled={rotate.busy} onClick={() => void rotate.run()}>
              Rotate the site key
            </button>
            <TextField
              label={`Type ${site.domain} to delete the site and all of its data`}
              value={confirm}
              onChange={setConfirm}
            />
            <button
              type="button"
              className="danger"
              disabled={confirm !== site.domain || remove.busy}
              onClick={() => void remove.run()}
            >
              Delete site
            </button>
          </div>
        )}
      </details>
    </article>
  );
}
