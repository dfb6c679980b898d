import { warnOnce } from './guard';
import { readStored, writeStored } from './storage';

const USER_KEY = '_sluice_uid';
/** Anything with an @ could be an email address: personal data that must never leave the page. */
const LOOKS_LIKE_EMAIL = /@/;

let userIdHere: string | undefined;

/** The site's own id for the signed-in user, kept for the tab's session (apps set it again after login). */
export function setUserId(id: unknown): void {
  if (typeof id !== 'string' || !id) return warnOnce('setUserId: a string');
  if (LOOKS_LIKE_EMAIL.test(id)) return warnOnce('setUserId: no emails');
  userIdHere = id;
  writeStored('sessionStorage', USER_KEY, id);
}

export function userId(): string | undefined {
  return userIdHere ?? readStored('sessionStorage', USER_KEY);
}

export function clearUserId(): void {
  userIdHere = undefined;
  writeStored('sessionStorage', USER_KEY, undefined);
}
