import { randomId } from './id';
import { stored } from './storage';

const STORAGE_KEY = '_sluice_sid';
/** A session ends after this long without an event. */
const SESSION_IDLE_MS = 30 * 60 * 1000;

/** The current session's id, minting a new one after SESSION_IDLE_MS of inactivity. Each call counts as activity. */
export function touchSession(now: number): string {
  const [current, lastActivity] = (stored('sessionStorage', STORAGE_KEY) ?? '').split(' ');
  const id = current && now - Number(lastActivity) < SESSION_IDLE_MS ? current : randomId();
  stored('sessionStorage', STORAGE_KEY, `${id} ${now}`);
  return id;
}

/** Ends the session: the next event starts a new one. */
export const endSession = () => stored('sessionStorage', STORAGE_KEY, null);
