import type { WireEvent } from '../../config/src/event-contract';
import { mayTrack, setOptedOut } from './consent';
import { guard, warnOnce } from './guard';
import { forgetIdentity, setUserId, userId, visitorId } from './identity';
import { randomId } from './id';
import { counted, notePageview } from './navigation';
import { endSession, touchSession } from './session';
import { settings } from './settings';
import { SESSION, stored } from './storage';
import { discardPending, enqueue } from './transport';

/**
 * Object.hasOwn, which browsers before 2022 lack. Called on the object itself: both tables are literals of
 * this module, with no own `hasOwnProperty` to shadow the prototype's.
 */
// eslint-disable-next-line no-prototype-builtins
const own = (object: object, key: unknown) => object.hasOwnProperty(key as string);

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
  // Feature flags: `['isEnabled', 'key', (on, value) => …]` reads one flag (recorded as seen: `value` is
  // its variant, or true or false); `['flags', (flags) => …]` hands all the values over, recording none.
  flags: (callback) => (callback as (flags: object) => void)(settings.flags),
  isEnabled(key, callback) {
    const value = readFlag(key as string);
    (callback as (on: boolean, value: unknown) => void)(!!value, value);
  },
};

/**
 * A flag's value as the page reads it (the bootstrapped one until the edge answers, then the edge's; off
 * when neither names it), recorded as `$flag` once per session and value, so reports break down by variant.
 * The mark is a sessionStorage key naming the session: a new session has none.
 */
function readFlag(key: string): unknown {
  const value = settings.flags[key];
  const seen = `_sluice_${touchSession()}${key}=${value}`;
  if (!stored(SESSION, seen)) {
    stored(SESSION, seen, seen);
    track('$flag', { flag: key, variant: value as string });
  }
  return value;
}

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
    // After a route change in a single-page app, the page the visitor came from is the previous route
    // (none: '', which the edge stores as no referrer).
    r: (name === 'pageview' && notePageview()) || document.referrer,
    sid,
    uid: userId(),
    v: visitorId(),
    // A flat object; the edge keeps its string, number and boolean values and drops anything else.
    p: props as WireEvent['p'],
    ...fields,
  });
}

/**
 * Asks the edge for the site's flags as this page should see them (evaluated there, by the user id, else
 * the persistent visitor id, else the edge's visitor hash). Its answer, once it arrives, is every flag's
 * value (a flag it doesn't name is off); until then, or when it can't be fetched, the bootstrapped values
 * stand.
 */
export const loadFlags = () =>
  fetch(
    `${settings.baseUrl}/flags?${new URLSearchParams({ s: settings.site, i: userId() ?? '', v: visitorId() ?? '' })}`,
  )
    .then((answer) => answer.json())
    // No network or no answer leaves the bootstrapped values: guard swallows the failure (calling the
    // error it is handed throws, inside its try).
    .then((flags) => (settings.flags = flags), guard as (error: unknown) => void);
