import { useState } from 'react';
import { useSession } from '../auth/session';
import { QueryState } from '../shared/QueryState';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import {
  createSharedLink,
  revokeSharedLink,
  type CreatedSharedLink,
  type NewSharedLink,
  type SharedLink,
} from './api';
import { embedSnippet, sharedLinkUrl } from './dashboards-data';
import { CopyButton } from '../shared/CopyButton';
import { useDashboardsRefresh, useSharedLinksQuery } from './useDashboardsQuery';
import { formatDate } from '../shared/format';

const DAY_MS = 86_400_000;

interface SharedLinksProps {
  siteId: number;
  /** What a new link shows: a dashboard, or one report view. */
  target: Pick<NewSharedLink, 'dashboardId' | 'view'>;
  /** Which of the site's links to list: those showing the same thing. */
  shows: (link: SharedLink) => boolean;
}

/** Public read-only links to a dashboard or a view: create one (a password, an expiry), copy it, revoke it. */
export function SharedLinks({ siteId, target, shows }: SharedLinksProps) {
  const { accessToken } = useSession();
  const links = useSharedLinksQuery(siteId);
  const refresh = useDashboardsRefresh();
  const [password, setPassword] = useState('');
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<CreatedSharedLink>();
  const create = useAction(
    () =>
      createSharedLink(accessToken ?? '', siteId, {
        ...target,
        ...(password && { password }),
        ...(days && { expiresAt: new Date(Date.now() + Number(days) * DAY_MS).toISOString() }),
      }),
    async (link) => {
      setCreated(link);
      setPassword('');
      setDays('');
      await refresh();
    },
  );
  const revoke = useAction((id: number) => revokeSharedLink(accessToken ?? '', siteId, id), refresh);
  return (
    <section className="shared-links" aria-label="Shared links">
      <form
        className="shared-links-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create.run();
        }}
      >
        <TextField
          label="Password (optional)"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={password}
          onChange={setPassword}
        />
        <TextField
          label="Expires after days (optional)"
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={setDays}
        />
        <button type="submit" disabled={create.busy}>
          Create public link
        </button>
      </form>
      {create.error && <p role="alert">Could not create the link: {create.error}</p>}
      {created && <NewLink token={created.token} />}
      <QueryState query={links} what="the shared links">
        {(all) => {
          const mine = all.filter(shows);
          return mine.length === 0 ? (
            <p className="shared-links-none">No public links yet: anyone holding one sees this read-only.</p>
          ) : (
            <ul className="shared-links-list" aria-label="Public links">
              {mine.map((link) => (
                <li key={link.id}>
                  <code>{link.prefix}…</code>
                  <span>
                    {link.hasPassword ? 'Password' : 'No password'} ·{' '}
                    {link.expiresAt ? `expires ${formatDate(link.expiresAt)}` : 'never expires'}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    disabled={revoke.busy}
                    onClick={() => void revoke.run(link.id)}
                  >
                    Revoke <span className="visually-hidden">link {link.prefix}</span>
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      {revoke.error && <p role="alert">Could not revoke the link: {revoke.error}</p>}
    </section>
  );
}

/**
 * A link just created: shown this once (only its hash is kept), with a button that copies it, and the HTML that
 * embeds its page in another site's.
 */
function NewLink({ token }: { token: string }) {
  const url = sharedLinkUrl(window.location.origin, token);
  const embed = embedSnippet(url);
  const [copied, setCopied] = useState(false);
  return (
    <div className="shared-links-new" role="status">
      <label>
        Public link (shown once: copy it now)
        <input readOnly value={url} onFocus={(event) => event.target.select()} />
      </label>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
      <label className="shared-links-embed">
        Embed it in a web page (an iframe that fits its height; add &amp;theme=dark or &amp;theme=light to its
        src to fix its colours)
        <textarea readOnly rows={3} value={embed} onFocus={(event) => event.target.select()} />
      </label>
      <CopyButton text={embed} what="embed code" />
    </div>
  );
}
