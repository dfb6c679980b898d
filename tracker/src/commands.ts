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
    if (!Array.isArray(command)) return warnOnce('a command is an array: [name, ...arguments]');
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
    } else warnOnce(`unknown command '${String(name)}'`);
  });
}

function configure(key: unknown, value: unknown): void {
  if (key === 'respectDNT') {
    if (typeof value !== 'boolean') return warnOnce("config 'respectDNT' needs true or false");
    settings.respectDNT = value;
    return;
  }
  if (typeof value !== 'string') return warnOnce(`config '${String(key)}' needs a string value`);
  if (key === 'baseUrl') settings.baseUrl = value.replace(/\/+$/, '');
  else if (key === 'site') settings.site = value;
  else warnOnce(`unknown config key '${String(key)}'`);
}

/** Tracks a pageview (`name` 'pageview') or a custom event (any other name). */
export function track(name: unknown, props: unknown): void {
  if (typeof name !== 'string' || !name) return warnOnce("'track' needs an event name");
  if (!mayTrack()) return;
  const event: WireEvent = { id: randomId(), n: name, u: location.href };
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
    warnOnce('event props must be a flat object');
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
      warnOnce(`event prop '${key}' left out: values must be strings, finite numbers or booleans`);
    }
  }
  return kept ? flat : undefined;
}
