import { randomId } from './id';
import { readStored, writeStored } from './storage';

const STORAGE_KEY = '_sluice_sid';
/** A session ends after this long without an event. */
const SESSION_IDLE_MS = 30 * 60 * 1000;

interface Session {
  id: string;
  lastActivity: number;
}

/** Serves pages where sessionStorage is unavailable; such a session ends with the page. */
let inMemory: Session | undefined;

function stored(): Session | undefined {
  const [id, lastActivity] = (readStored('sessionStorage', STORAGE_KEY) ?? '').split(' ');
  return id && lastActivity ? { id, lastActivity: Number(lastActivity) } : undefined;
}

/** The current session's id, minting a new one after SESSION_IDLE_MS of inactivity. Each call counts as activity. */
export function touchSession(now: number): string {
  const current = stored() ?? inMemory;
  const id = current && now - current.lastActivity < SESSION_IDLE_MS ? current.id : randomId();
  inMemory = { id, lastActivity: now };
  writeStored('sessionStorage', STORAGE_KEY, `${id} ${now}`);
  return id;
}

/** Ends the session: the next event starts a new one. */
export function endSession(): void {
  inMemory = undefined;
  writeStored('sessionStorage', STORAGE_KEY, undefined);
}
