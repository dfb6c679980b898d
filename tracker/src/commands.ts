import type { WireEvent } from '../../config/src/event-contract';
import { mayTrack, setOptedOut } from './consent';
import { guard, warnOnce } from './guard';
import { forgetIdentity, setUserId, userId, visitorId } from './identity';
import { randomId } from './id';
import { counted, notePageview } from './navigation';
import { endSession, touchSession } from './session';
import { settings } from './settings';
import { discardPending, enqueue } from './transport';

/** Object.hasOwn, which browsers before 2022 lack. */
const own = (object: object, key: unknown) => ({}).hasOwnProperty.call(object, key as string);

const COMMANDS: Record<string, (first: unknown, second: unknown) => void> = {
  config: configure,
  track,
  setUserId,
  optIn: () => setOptedOut(false),
  optOut() {
    setOptedOut(true);
    discardPending();
    forgetIdentity();
  },
  // Signing out: the next events belong to no user, to a new visitor and to a new session.
  reset() {
    forgetIdentity();
    endSession();
  },
  // Feature flags: `['flags', (flags) => …]`, `['isEnabled', 'key', (on) => …]`.
  flags: (callback) => (callback as (flags: object) => void)(settings.flags),
  isEnabled: (key, callback) => (callback as (on: boolean) => void)(!!settings.flags[key as string]),
};

/** Runs one `_sluice` command: `['config', key, value]`, `['track', name, props?]`, …. Never throws. */
export function runCommand(command: unknown): void {
  guard(() => {
    // A function is the "run after load" form: `_sluice.push(() => …)`.
    if (typeof command === 'function') return command();
    const [name, first, second] = command as unknown[];
    if (own(COMMANDS, name)) COMMANDS[name as string](first, second);
    else warnOnce(name as string);
  });
}

/** `['config', key, value]`: a value of the setting's type (`autocapture`: `false` or an object of switches). */
function configure(key: unknown, value: unknown): void {
  const name = key as keyof typeof settings;
  if (own(settings, name) && (typeof value === typeof settings[name] || name === 'autocapture'))
    (settings as Record<string, unknown>)[name] = value;
  else warnOnce(`config ${name}`);
}

/**
 * Tracks a pageview (`name` 'pageview'), a custom event (any other name) or, with `fields`, an
 * autocaptured one (its wire fields; `u` there names the page when it is not the current one).
 */
export function track(name: unknown, props: unknown, fields?: Partial<WireEvent>): void {
  // The edge refuses (400) an event without a name; a page can't break the batch it is in.
  if (!mayTrack() || (name === 'pageview' && counted())) return;
  const sid = touchSession();
  // Sampling keeps or drops whole sessions, by the first 24 bits of the session id.
  if (parseInt(sid.slice(0, 6), 16) >= settings.sampling * 2 ** 24) return;
  // Keys left undefined are not sent.
  enqueue({
    id: randomId(),
    n: name as string,
    u: location.href,
    // After a route change in a single-page app, the page the visitor came from is the previous route.
    r: (name === 'pageview' && notePageview()) || document.referrer || undefined,
    sid,
    uid: userId(),
    v: visitorId(),
    // A flat object; the edge keeps its string, number and boolean values and drops anything else.
    p: props as WireEvent['p'],
    ...fields,
  });
}
