import { listen } from './guard';
import { adoptVisitorId, visitorId } from './identity';
import { continueSession, touchSession } from './session';
import { settings } from './settings';

/** The query parameter that carries `session.visitor.time` (time in base 36) to another domain of the site. */
const PARAM = '_sl';
/** An older token is ignored: a link copied, shared or bookmarked must not carry the visitor along. */
const MAX_TOKEN_AGE_MS = 120_000;

/**
 * Continues the session (and, in persistent mode, the visitor) that another domain of the site
 * handed over in the URL, and takes the token out of the address bar so it is neither shared nor
 * bookmarked. Runs before any command, so the first pageview already belongs to that session.
 */
export function adoptHandOver(): void {
  const url = new URL(location.href);
  // No token: "null", which has no time.
  const [session, visitor, time] = `${url.searchParams.get(PARAM)}`.split('.');
  if (!time) return;
  url.searchParams.delete(PARAM);
  history.replaceState(history.state, '', url);
  if (Date.now() - parseInt(time, 36) < MAX_TOKEN_AGE_MS) {
    continueSession(session);
    if (visitor) adoptVisitorId(visitor);
  }
}

/** A link to one of the site's other domains (`crossDomain`) carries a fresh token when it is followed. */
export function handOverOnLinks(): void {
  listen(document, 'click', (event) => {
    const link = (event.target as Element).closest?.('a');
    if (!link || !settings.crossDomain.includes(link.hostname)) return;
    const url = new URL(link.href);
    url.searchParams.set(PARAM, `${touchSession()}.${visitorId() ?? ''}.${Date.now().toString(36)}`);
    link.href = url.href;
  });
}
