import { warnOnce } from './guard';
import { randomId } from './id';
import { settings } from './settings';
import { stored } from './storage';

const USER_KEY = '_sluice_uid';
const VISITOR_KEY = '_sluice_v';
/** Anything with an @ could be an email address: personal data that must never leave the page. */
const LOOKS_LIKE_EMAIL = /@/;

/** The site's own id for the signed-in user, kept for the tab's session (apps set it again after login). */
export function setUserId(id: unknown): void {
  if (typeof id !== 'string' || !id || LOOKS_LIKE_EMAIL.test(id)) return warnOnce('setUserId');
  stored('sessionStorage', USER_KEY, id);
}

export const userId = () => stored('sessionStorage', USER_KEY);

/** Signing out or opting out: no user, and a new anonymous visitor from here on. */
export function forgetIdentity(): void {
  stored('sessionStorage', USER_KEY, null);
  stored('localStorage', VISITOR_KEY, null);
}

/**
 * Persistent mode: the first-party anonymous id, minted on first use. Cookieless mode keeps none,
 * and forgets one kept before the site switched.
 */
export function visitorId(): string | undefined {
  if (settings.persistence !== 'persistent') return stored('localStorage', VISITOR_KEY, null);
  const id = stored('localStorage', VISITOR_KEY) || randomId();
  stored('localStorage', VISITOR_KEY, id);
  return id;
}

/**
 * The visitor another domain of the site handed over. Only a persistent-mode site hands one over (the
 * mode is the site's, the same on all its domains).
 */
export const adoptVisitorId = (id: string) => stored('localStorage', VISITOR_KEY, id);
