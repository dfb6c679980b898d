import { guard, listen } from './guard';

/**
 * Single-page apps change pages without loading one. A route is the path and query, plus the hash
 * when it looks like a hash-router route (`#/…` or `#!…`) rather than an anchor on the page.
 */
function route(): string {
  const hash = location.hash;
  return location.pathname + location.search + (/^#[!/]/.test(hash) ? hash : '');
}

let lastRoute: string | undefined;
let lastUrl: string | undefined;

/** Records a pageview of the current route; returns the URL of the previous one on this page, if any. */
export function notePageview(): string | undefined {
  const previous = lastUrl;
  lastRoute = route();
  lastUrl = location.href;
  return previous;
}

/**
 * Whether this page has counted the current route already: a second pageview of it (the snippet pasted
 * twice, an app that also tracks its own route changes) would count one view twice.
 */
export const counted = () => lastRoute === route();

/** The URL of the page last counted, which a report about leaving it names. */
export const countedUrl = () => lastUrl ?? location.href;

/**
 * Calls `onNewRoute` when the app moves to another route (history API, back/forward, hash routes),
 * once the page has tracked a pageview. Staying on the same route (a state-only replaceState, an
 * anchor jump) is not a new page, so nothing is counted twice.
 */
export function watchRoutes(onNewRoute: () => void): void {
  const check = () =>
    guard(() => {
      if (lastRoute !== undefined && route() !== lastRoute) onNewRoute();
    });
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    // The page's own call runs first and untouched (its errors are its own); only our check is guarded.
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  listen(window, 'popstate', check);
  listen(window, 'hashchange', check);
}
