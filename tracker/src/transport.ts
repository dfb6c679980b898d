import type { WireBatch, WireEvent } from '../../config/src/event-contract';
import { guard, warnOnce } from './guard';
import { settings } from './settings';

/** Events tracked within this window share one request. */
const FLUSH_DELAY_MS = 1000;
/** A batch this large is sent at once (the edge accepts up to WIRE.maxEventsPerBatch). */
const MAX_BATCH_EVENTS = 10;

let pending: WireEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** Drops what was tracked but not sent yet (after an opt-out). */
export function discardPending(): void {
  pending = [];
}

export function enqueue(event: WireEvent): void {
  pending.push(event);
  if (pending.length >= MAX_BATCH_EVENTS) flush(false);
  else if (flushTimer === undefined) flushTimer = setTimeout(() => guard(() => flush(false)), FLUSH_DELAY_MS);
}

/**
 * Sends the pending events as one batch. While the page is going away (`unloading`) only `sendBeacon` is
 * sure to be delivered; otherwise `fetch` with `keepalive`. Both send the JSON as a string, i.e. `text/plain`,
 * which needs no CORS preflight.
 */
export function flush(unloading: boolean): void {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (pending.length === 0) return;
  const batch: WireBatch = { s: settings.site, e: pending };
  pending = [];
  if (!batch.s) return warnOnce('no site key: events dropped');

  const url = `${settings.baseUrl}/e`;
  const body = JSON.stringify(batch);
  // A failed send is dropped, like a beacon the browser refuses (too large, page gone): there is no offline
  // queue yet. Catching the rejection keeps it from surfacing on the host page as an unhandled rejection.
  if (unloading) navigator.sendBeacon(url, body);
  else fetch(url, { method: 'POST', body, keepalive: true }).catch(() => undefined);
}
