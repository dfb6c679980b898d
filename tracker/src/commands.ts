import type { WireEvent } from '../../config/src/event-contract';
import { mayTrack, setOptedOut } from './consent';
import { guard, warnOnce } from './guard';
import { clearUserId, setUserId, userId } from './identity';
import { randomId } from './id';
import { notePageview } from './navigation';
import { endSession, touchSession } from './session';
import { settings } from './settings';
import { discardPending, enqueue } from './transport';

/** Runs one `_sluice` command: `['config', key, value]` or `['track', name, props?]`. Never throws. */
export function runCommand(command: unknown): void {
  guard(() => {
    // A function is the "run after load" form: `_sluice.push(() => …)`.
    if (typeof command === 'function') return command();
    if (!Array.isArray(command)) return warnOnce('a command is [name, …args]');
    const [name, first, second] = command as unknown[];
    if (name === 'config') configure(first, second);
    else if (name === 'track') track(first, second);
    else if (name === 'optOut') {
      setOptedOut(true);
      discardPending();
    } else if (name === 'optIn') setOptedOut(false);
    else if (name === 'setUserId') setUserId(first);
    else if (name === 'reset') {
      // Signing out: the next events belong to no user and to a new session.
      clearUserId();
      endSession();
    } else warnOnce(`unknown command ${String(name)}`);
  });
}

function configure(key: unknown, value: unknown): void {
  if (key === 'autocapture') {
    const switches = settings.autocapture;
    for (const kind of Object.keys(switches) as Array<keyof typeof switches>)
      switches[kind] = value !== false && (value as Record<string, unknown>)?.[kind] !== false;
    return;
  }
  if (key === 'respectDNT') {
    if (typeof value !== 'boolean') return warnOnce('respectDNT: true or false');
    settings.respectDNT = value;
    return;
  }
  if (typeof value !== 'string') return warnOnce(`${String(key)}: a string`);
  if (key === 'baseUrl') settings.baseUrl = value.replace(/\/+$/, '');
  else if (key === 'site') settings.site = value;
  else warnOnce(`unknown config ${String(key)}`);
}

/**
 * Tracks a pageview (`name` 'pageview'), a custom event (any other name) or, with `fields`, an
 * autocaptured one (its wire fields; `u` there names the page when it is not the current one).
 */
export function track(name: unknown, props: unknown, fields?: Partial<WireEvent>): void {
  if (typeof name !== 'string' || !name) return warnOnce('track: a name');
  if (!mayTrack()) return;
  const event: WireEvent = { id: randomId(), n: name, u: location.href, ...fields };
  // After a route change in a single-page app, the page the visitor came from is the previous route.
  const referrer = (name === 'pageview' && notePageview()) || document.referrer;
  if (referrer) event.r = referrer;
  event.sid = touchSession(Date.now());
  const user = userId();
  if (user) event.uid = user;
  const flat = flatProps(props);
  if (flat) event.p = flat;
  enqueue(event);
}

/** The string, finite number and boolean values of a flat props object; anything else is left out, with a warning. */
function flatProps(props: unknown): WireEvent['p'] {
  if (props === undefined) return undefined;
  if (!props || typeof props !== 'object' || Array.isArray(props)) {
    warnOnce('props: a flat object');
    return undefined;
  }
  const flat: NonNullable<WireEvent['p']> = {};
  let kept = 0;
  for (const [key, value] of Object.entries(props)) {
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && isFinite(value))
    ) {
      flat[key] = value;
      kept++;
    } else {
      warnOnce(`prop ${key}: string, number or boolean`);
    }
  }
  return kept ? flat : undefined;
}
