import { warnOnce } from './guard';
import { stored } from './storage';

const USER_KEY = '_sluice_uid';
/** Anything with an @ could be an email address: personal data that must never leave the page. */
const LOOKS_LIKE_EMAIL = /@/;

/** The site's own id for the signed-in user, kept for the tab's session (apps set it again after login). */
export function setUserId(id: unknown): void {
  if (typeof id !== 'string' || !id || LOOKS_LIKE_EMAIL.test(id))
    return warnOnce('setUserId: an id, never an email');
  stored('sessionStorage', USER_KEY, id);
}

export const userId = () => stored('sessionStorage', USER_KEY);

export const clearUserId = () => stored('sessionStorage', USER_KEY, null);
