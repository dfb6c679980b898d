import { randomId } from './id';

const STORAGE_KEY = '_sluice_sid';
/** A session ends after this long without an event. */
const SESSION_IDLE_MS = 30 * 60 * 1000;

interface Session {
  id: string;
  lastActivity: number;
}

/** Serves pages where sessionStorage throws (storage disabled, sandboxed frames); such a session ends with the page. */
let inMemory: Session | undefined;

/** The current session's id, minting a new one after SESSION_IDLE_MS of inactivity. Each call counts as activity. */
export function touchSession(now: number): string {
  const current = readStored() ?? inMemory;
  const id = current && now - current.lastActivity < SESSION_IDLE_MS ? current.id : randomId();
  inMemory = { id, lastActivity: now };
  try {
    sessionStorage.setItem(STORAGE_KEY, `${id} ${now}`);
  } catch {
    // Safe to swallow: storage is disabled or full, and the in-memory session serves the rest of this page.
  }
  return id;
}

function readStored(): Session | undefined {
  try {
    const [id, lastActivity] = (sessionStorage.getItem(STORAGE_KEY) ?? '').split(' ');
    return id && lastActivity ? { id, lastActivity: Number(lastActivity) } : undefined;
  } catch {
    // Safe to swallow: reading throws where storage is disabled, and the caller falls back to the in-memory session.
    return undefined;
  }
}
