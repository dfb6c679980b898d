import type { WireEvent } from '../../config/src/event-contract';
import { guard, listen, warnOnce } from './guard';
import { settings } from './settings';
import { LOCAL, stored } from './storage';

/** Events tracked within this window share one request. */
const FLUSH_DELAY_MS = 1000;
/** A batch this large is sent at once (the edge accepts up to WIRE.maxEventsPerBatch). */
const MAX_BATCH_EVENTS = 10;
/** Events that could not be sent wait in localStorage, at most this many and this long. */
const QUEUE_KEY = '_sluice_q';
const MAX_QUEUED = 500;
const MAX_AGE_MS = 864e5;
/** Retries back off from 2 s, doubling up to 256 s (2 s × 2^7), each delay jittered to 50–100%. */
const FIRST_RETRY_MS = 2000;
const MAX_DOUBLINGS = 7;

/**
 * An event with when it was tracked: each is sent with its age then (`a`), so the edge stamps it at the
 * time it happened, however long it waited here or in the queue.
 */
type Queued = [trackedAt: number, event: WireEvent];

let pending: Queued[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;
/** The queue's send under way, if any: the next waits for it, so no batch is ever posted twice at once. */
let sending: Promise<void> | undefined;

const queued = (): Queued[] => {
  try {
    // No queue (undefined) throws too.
    return JSON.parse(stored(LOCAL, QUEUE_KEY)!);
  } catch {
    // Safe to swallow: no queue, or one another script overwrote (worth nothing): start a new one.
    return [];
  }
};

/** Keeps the newest MAX_QUEUED events younger than MAX_AGE_MS (an empty queue is `[]`). */
function storeQueue(events: Queued[]): void {
  const now = Date.now();
  const kept = events.filter(([at]) => now - at < MAX_AGE_MS).slice(-MAX_QUEUED);
  stored(LOCAL, QUEUE_KEY, JSON.stringify(kept));
}

/** Drops what was tracked but not sent yet (after an opt-out), here and in the queue. */
export function discardPending(): void {
  pending = [];
  storeQueue([]);
}

export function enqueue(event: WireEvent): void {
  pending.push([Date.now(), event]);
  if (pending.length >= MAX_BATCH_EVENTS) flush(false);
  else flushTimer ??= setTimeout(guard, FLUSH_DELAY_MS, () => flush(false));
}

/**
 * Posts one batch. The JSON goes as a string, i.e. `text/plain`, which needs no CORS preflight.
 * Resolves true once the edge answered for it; false when it must be sent again (no network, the
 * edge down or busy). Any other answer (a 400 for bad events) would be the same on every retry.
 */
async function post(events: Queued[], unloading: boolean): Promise<boolean> {
  const url = `${settings.baseUrl}/e`;
  const body = JSON.stringify({
    s: settings.site,
    e: events.map(([at, event]) => ({ ...event, a: Date.now() - at })),
  });
  // While the page is going away only sendBeacon is sure to be delivered; whether it arrives is unknown.
  if (unloading) return navigator.sendBeacon(url, body);
  try {
    const { status } = await fetch(url, { method: 'POST', body, keepalive: true });
    return status < 500 && status !== 429;
  } catch {
    // Safe to swallow: no network. The caller keeps the batch for a retry.
    return false;
  }
}

/**
 * Sends the queue's oldest batch now, or once the send under way is answered. A pending retry timer is
 * cancelled: coming back online while one waits would otherwise send the same batch twice, once for each.
 */
const retryNow = () => {
  // clearTimeout answers undefined: the timer is cancelled and forgotten in one step.
  retryTimer = clearTimeout(retryTimer) as undefined;
  sending = retry(sending);
};

const retryIn = (delay: number) => (retryTimer ??= setTimeout(guard, delay, retryNow));

/**
 * After the send before it, sends the queue's oldest batch; on success the next, on failure again after
 * a growing delay. Read only then, the queue no longer holds what that send delivered (the `online` event
 * during a retry sends nothing twice), and still holds what it failed to (online during a failing retry
 * sends it again at once). The batch leaves the queue by its ids, so another tab sending meanwhile loses
 * nothing; an event sent twice keeps its id and the pipeline counts it once.
 */
async function retry(previous?: Promise<void>): Promise<void> {
  await previous;
  const events = queued().slice(0, MAX_BATCH_EVENTS);
  if (!events.length || !settings.site) return;
  if (await post(events, false)) {
    retries = 0;
    const sent = events.map(([, event]) => event.id);
    storeQueue(queued().filter(([, event]) => !sent.includes(event.id)));
    retryNow();
  }
  // Half the delay times 1 to 2: jittered to 50–100%.
  else retryIn((FIRST_RETRY_MS / 2) * 2 ** Math.min(retries++, MAX_DOUBLINGS) * (1 + Math.random()));
}

/**
 * Sends the pending events as one batch. A batch that can't be delivered joins the queue, which is
 * retried with backoff, when the browser is back online, and by the next page. A resent event keeps
 * its id, so the pipeline counts it once even when the first send did arrive.
 */
export function flush(unloading: boolean): void {
  flushTimer = clearTimeout(flushTimer) as undefined;
  if (!pending.length) return;
  const events = pending;
  pending = [];
  if (!settings.site) return warnOnce('track');
  void post(events, unloading).then((sent) => {
    if (sent) return;
    storeQueue([...queued(), ...events]);
    retryIn(FIRST_RETRY_MS);
  });
}

/** Starts sending what earlier pages left in the queue, and again whenever the browser comes back online. */
export function startRetries(): void {
  listen(window, 'online', retryNow);
  retryNow();
}
