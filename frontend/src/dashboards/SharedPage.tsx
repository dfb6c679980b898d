import { useEffect, useRef, useState } from 'react';
import { useParams, useSearch } from 'wouter';
import { reportTitle } from '../reports/report-catalogue';
import { ApiError } from '../shared/api-client';
import { QueryState } from '../shared/QueryState';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { useCachedQuery } from '../shared/useApiQuery';
import { fetchSharedView, unlockSharedLink } from './api';
import { EMBED_HEIGHT_KEY } from './dashboards-data';
import { parseThemeChoice } from '../theme/theme';
import { showTheme } from '../theme/useTheme';
import { sharedWidgetSource } from './widget-sources';
import { WidgetCard } from './WidgetCard';

/**
 * A shared link's public page (`/shared/:token`), outside the signed-in panel: the dashboard's or view's
 * widgets, read-only, with no admin control; the password first when the link has one. With `?embed=true` (in
 * another site's iframe, embedSnippet): without the panel's header, over the host page's own background, in the
 * theme its `theme` asks (`light`, `dark`; the system's by default), as Plausible's embedded dashboards take one.
 */
export function SharedPage() {
  const { token = '' } = useParams<{ token: string }>();
  const search = new URLSearchParams(useSearch());
  const embedded = search.get('embed') === 'true';
  const embedTheme = embedded ? parseThemeChoice(search.get('theme')) : undefined;
  useEffect(() => {
    if (embedTheme) showTheme(embedTheme);
  }, [embedTheme]);
  const [viewToken, setViewToken] = useState<string>();
  const view = useCachedQuery(['shared', token, viewToken ?? ''], true, (signal) =>
    fetchSharedView(token, viewToken, signal),
  );
  const page = useEmbedHeight(embedded);
  const locked = view.error instanceof ApiError && view.error.code === 'share_password_required';
  const gone = view.error instanceof ApiError && view.error.status === 404;
  return (
    <div ref={page} className={embedded ? 'app shared-page is-embedded' : 'app shared-page'}>
      {!embedded && (
        <header className="app-header">
          <h1>Sluice</h1>
          <span className="shared-badge">Read-only shared view</span>
        </header>
      )}
      <main>
        {locked ? (
          <PasswordForm token={token} onUnlocked={setViewToken} />
        ) : gone ? (
          <div className="query-state query-state-error" role="alert">
            <p>
              This link does not exist, or it was revoked or has expired. Ask whoever shared it for a new one.
            </p>
          </div>
        ) : (
          <QueryState query={view} what="the shared view">
            {(shared) => (
              <section aria-labelledby="shared-title">
                <h2 id="shared-title">{shared.kind === 'view' ? reportTitle(shared.title) : shared.title}</h2>
                <p className="dashboard-widget-caption">
                  {shared.siteName} · days in {shared.timezone}
                </p>
                <div className="dashboard-grid">
                  {shared.widgets.map((widget) => (
                    <WidgetCard
                      key={widget.id}
                      widget={widget}
                      source={sharedWidgetSource(token, viewToken)}
                    />
                  ))}
                </div>
              </section>
            )}
          </QueryState>
        )}
      </main>
    </div>
  );
}

/**
 * Embedded, the page's height posted to the page framing it whenever it changes (widgets drawn, a password
 * form answered), for the embed code's script to fit the frame to it (embedSnippet). Only a height leaves.
 */
function useEmbedHeight(embedded: boolean) {
  const page = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = page.current;
    if (!embedded || !element || window.parent === window) return;
    const post = () =>
      window.parent.postMessage(
        { [EMBED_HEIGHT_KEY]: Math.ceil(element.getBoundingClientRect().height) },
        '*',
      );
    const observer = new ResizeObserver(post);
    observer.observe(element);
    return () => observer.disconnect();
  }, [embedded]);
  return page;
}

function PasswordForm({ token, onUnlocked }: { token: string; onUnlocked: (viewToken: string) => void }) {
  const [password, setPassword] = useState('');
  const unlock = useAction(
    () => unlockSharedLink(token, password),
    (answer) => onUnlocked(answer.viewToken),
  );
  return (
    <form
      className="card shared-password"
      onSubmit={(event) => {
        event.preventDefault();
        void unlock.run();
      }}
    >
      <h2>This shared view asks for a password</h2>
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      <button type="submit" disabled={unlock.busy}>
        Open
      </button>
      {unlock.error && (
        <p role="alert">
          {unlock.error.startsWith('password:') ? 'That password is not right: try again.' : unlock.error}
        </p>
      )}
    </form>
  );
}
