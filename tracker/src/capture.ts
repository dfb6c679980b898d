import type { WireEvent } from '../../config/src/event-contract';
import { clickedElement, describe } from './element';
import { guard, listen } from './guard';
import { countedUrl } from './navigation';
import { settings } from './settings';

type Track = (name: string, fields?: Partial<WireEvent>) => void;

/** A page reports at most this many errors: a loop that throws must not flood the pipeline. */
const MAX_ERRORS = 10;

/**
 * Clicks, as `$autocapture` with where they landed: the edge names those on links to files
 * `$download` and those to other hosts `$outbound`.
 */
function captureClicks(track: Track): void {
  listen(document, 'click', (event) => {
    // Fractional coordinates are cut to whole pixels by the edge. (A click dispatched on the document
    // itself has no element to describe: `guard` ends that handler.)
    track('$autocapture', {
      ...describe(clickedElement(event.target as Element)),
      x: (event as MouseEvent).pageX,
      y: (event as MouseEvent).pageY,
      vw: innerWidth,
    });
  });
}

/** Form submissions: the form's identity and target, never a field. */
function captureSubmits(track: Track): void {
  listen(document, 'submit', (event) => {
    track('$form_submit', describe(event.target as HTMLFormElement));
  });
}

/** Uncaught errors and unhandled rejections, the same message once per page. */
function captureErrors(track: Track): void {
  const seen: string[] = [];
  // The edge cuts the stack (`est`) to the contract's length.
  const report = (error: Partial<WireEvent>) => {
    if (seen.length >= MAX_ERRORS || seen.includes(error.em!)) return;
    seen.push(error.em!);
    track('$error', error);
  };
  listen(window, 'error', (event) => {
    // Resource load failures (an <img> 404) reach capturing listeners too, without a message: not script errors.
    if (event instanceof ErrorEvent)
      report({
        em: event.message,
        es: event.filename,
        el: event.lineno,
        ec: event.colno,
        est: event.error?.stack,
      });
  });
  listen(window, 'unhandledrejection', (event) =>
    report({
      em: `Unhandled: ${(event as PromiseRejectionEvent).reason?.message ?? (event as PromiseRejectionEvent).reason}`,
      est: (event as PromiseRejectionEvent).reason?.stack,
    }),
  );
}

/** The entry fields read below (the DOM typings lack layout shifts and interaction ids). */
type VitalEntry = PerformanceEntry & { value: number; hadRecentInput: boolean; interactionId: number };

/**
 * Web vitals into `vitals` as they are measured: LCP of the page load, layout shifts summed, the
 * slowest interaction. Browsers without an entry type just leave its vital out.
 */
function watchVitals(vitals: () => Partial<WireEvent>): void {
  const observe = (type: string, record: (entry: VitalEntry) => unknown) =>
    guard(() =>
      // `record` only assigns numbers: nothing in the observer's callback can throw.
      new PerformanceObserver((list) => (list.getEntries() as VitalEntry[]).forEach(record)).observe({
        type,
        buffered: true,
        // The shortest that browsers take (INP counts interactions of any length).
        durationThreshold: 16,
      } as PerformanceObserverInit),
    );
  observe('largest-contentful-paint', (entry) => (vitals().lcp = entry.startTime));
  observe(
    'layout-shift',
    (entry) => entry.hadRecentInput || (vitals().cls = (vitals().cls ?? 0) + entry.value),
  );
  observe(
    'event',
    (entry) => entry.interactionId && (vitals().inp = Math.max(vitals().inp ?? 0, entry.duration)),
  );
}

/**
 * Scroll depth (the deepest % of the page seen), engagement time (visible time) and the web vitals
 * measured meanwhile, reported as `$engagement` when the page is hidden or left or the route changes.
 * The returned function reports what was counted since the last report, if the clock ran, and
 * runs the clock from now on while `visible` (the new route, or the page shown again).
 */
function captureEngagement(track: Track): (visible: boolean) => void {
  let depth = 0;
  let visibleSince = document.hidden ? 0 : Date.now();
  let vitals: Partial<WireEvent> = {};
  // The edge cuts the depth to a whole percent, and an overscroll's (above 100) to 100.
  const measureDepth = () =>
    (depth = Math.max(depth, ((scrollY + innerHeight) / document.documentElement.scrollHeight) * 100));
  measureDepth();
  if (WEB_VITALS) watchVitals(() => vitals);
  listen(window, 'scroll', measureDepth);
  return (visible) => {
    if (visibleSince) {
      track('$engagement', { u: countedUrl(), sd: depth, et: Date.now() - visibleSince, ...vitals });
      vitals = {};
    }
    depth = 0;
    measureDepth();
    visibleSince = visible ? Date.now() : 0;
  };
}

/**
 * Starts what the site's autocapture settings switch on. Returns what to run when the page is left
 * (hidden, unloaded) or the route changes: the engagement report.
 */
export function startCapture(track: Track): (visible: boolean) => void {
  // `false` switches every kind off; in an object, a kind it doesn't name is on.
  const on = (kind: string) =>
    AUTOCAPTURE &&
    ((settings.autocapture as Record<string, boolean>)[kind] ?? settings.autocapture) !== false;
  if (on('clicks')) captureClicks(track);
  if (on('forms')) captureSubmits(track);
  if (on('errors')) captureErrors(track);
  return on('engagement') ? captureEngagement(track) : () => {};
}
