import type { WireEvent } from '../../config/src/event-contract';
import { mayTrack, setOptedOut } from './consent';
import { guard, warnOnce } from './guard';
import { clearUserId, setUserId, userId } from './identity';
import { randomId } from './id';
import { notePageview } from './navigation';
import { endSession, touchSession } from './session';
import { settings } from './settings';
import { discardPending, enqueue } from './transport';

/** Object.hasOwn, which browsers before 2022 lack. */
const own = (object: object, key: unknown) => Object.prototype.hasOwnProperty.call(object, key as string);

const COMMANDS: Record<string, (first: unknown, second: unknown) => void> = {
  config: configure,
  track,
  setUserId,
  optIn: () => setOptedOut(false),
  optOut() {
    setOptedOut(true);
    discardPending();
  },
  // Signing out: the next events belong to no user and to a new session.
  reset() {
    clearUserId();
    endSession();
  },
};

/** Runs one `_sluice` command: `['config', key, value]`, `['track', name, props?]`, …. Never throws. */
export function runCommand(command: unknown): void {
  guard(() => {
    // A function is the "run after load" form: `_sluice.push(() => …)`.
    if (typeof command === 'function') return command();
    const [name, first, second] = command as unknown[];
    if (own(COMMANDS, name)) COMMANDS[name as string](first, second);
    else warnOnce(`unknown command ${name as string}`);
  });
}

/**
 * `['config', key, value]`: a value of the setting's type (`autocapture` takes `false` for all off);
 * a trailing slash of baseUrl is dropped.
 */
function configure(key: unknown, value: unknown): void {
  const name = key as keyof typeof settings;
  if (name === 'autocapture') {
    const switches = settings.autocapture;
    for (const kind of Object.keys(switches) as Array<keyof typeof switches>)
      switches[kind] = value !== false && (value as Record<string, unknown>)?.[kind] !== false;
  } else if (own(settings, name) && typeof value === typeof settings[name])
    (settings as Record<string, unknown>)[name] =
      name === 'baseUrl' ? (value as string).replace(/\/+$/, '') : value;
  else warnOnce(`config ${name}: unknown or wrong type`);
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

/**
 * Props must be a flat object; the edge keeps its string, number and boolean values and drops the
 * rest, so the tracker spends no bytes on checking them.
 */
const flatProps = (props: unknown) =>
  props && typeof props === 'object' && !Array.isArray(props) ? (props as WireEvent['p']) : undefined;
