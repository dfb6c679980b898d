import { randomId } from './id';
import { SESSION, stored } from './storage';

const STORAGE_KEY = '_sluice_sid';
/** A session ends after this long without an event. */
const SESSION_IDLE_MS = 30 * 60 * 1000;

/** Makes `id` the tab's session, active now. */
export const continueSession = (id: string) => stored(SESSION, STORAGE_KEY, `${id} ${Date.now()}`);

/** The current session's id, minting a new one after SESSION_IDLE_MS of inactivity. Each call counts as activity. */
export function touchSession(): string {
  // None: "undefined", without a time, so a new session.
  const [current, lastActivity] = `${stored(SESSION, STORAGE_KEY)}`.split(' ');
  const id = current && Date.now() - Number(lastActivity) < SESSION_IDLE_MS ? current : randomId();
  continueSession(id);
  return id;
}

/** Ends the session: the next event starts a new one. */
export const endSession = () => stored(SESSION, STORAGE_KEY, null);
