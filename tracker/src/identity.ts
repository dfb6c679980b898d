import { warnOnce } from './guard';
import { randomId } from './id';
import { settings } from './settings';
import { LOCAL, SESSION, stored } from './storage';

const USER_KEY = '_sluice_uid';
const VISITOR_KEY = '_sluice_v';

/** The site's own id for the signed-in user, kept for the tab's session (apps set it again after login). */
export function setUserId(id: unknown): void {
  // Anything with an @ could be an email address: personal data that must never leave the page.
  if (typeof id !== 'string' || !id || id.includes('@')) return warnOnce('setUserId');
  stored(SESSION, USER_KEY, id);
}

export const userId = () => stored(SESSION, USER_KEY);

/** Signing out or opting out: no user, and a new anonymous visitor from here on. */
export function forgetIdentity(): void {
  stored(SESSION, USER_KEY, null);
  stored(LOCAL, VISITOR_KEY, null);
}

/**
 * Persistent mode: the first-party anonymous id, minted on first use. Cookieless mode keeps none,
 * and forgets one kept before the site switched.
 */
export const visitorId = () =>
  stored(
    LOCAL,
    VISITOR_KEY,
    settings.persistence === 'persistent' ? stored(LOCAL, VISITOR_KEY) || randomId() : null,
  );

/**
 * The visitor another domain of the site handed over. Only a persistent-mode site hands one over (the
 * mode is the site's, the same on all its domains).
 */
export const adoptVisitorId = (id: string) => stored(LOCAL, VISITOR_KEY, id);
