/**
 * Runs `task` and swallows anything it throws. Analytics is best effort: a fault costs at most the events in
 * flight, whereas an exception escaping into the host page (out of its own `_sluice.push` call, a timer or an
 * event listener) could break the customer's site. So nothing the tracker does may throw past this point.
 */
export function guard(task: () => void): void {
  try {
    task();
  } catch {
    // Safe to swallow: see above. Losing an event is acceptable; breaking the host page is not.
  }
}

const warned: Record<string, number> = {};

/**
 * Tells the site's developer about a mistake in their `_sluice` calls, once per distinct one: what
 * was ignored (the README says what each command takes).
 */
export function warnOnce(ignored: string): void {
  if (!warned[ignored]) {
    warned[ignored] = 1;
    console.warn(`Sluice: ignored ${ignored}`);
  }
}

/**
 * Listens without ever letting the handler's faults reach the page; in the capture phase, so a page
 * that stops an event's propagation still lets the tracker see it. (No handler cancels an event, so
 * none delays scrolling.)
 */
export const listen = (target: EventTarget, type: string, handler: (event: Event) => void) =>
  target.addEventListener(type, (event) => guard(() => handler(event)), true);
