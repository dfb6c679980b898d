import type { WireEvent } from '../../config/src/event-contract';
import { clickedElement, describe } from './element';
import { listen } from './guard';
import { countedUrl } from './navigation';
import { settings } from './settings';

type Track = (name: string, fields?: Partial<WireEvent>) => void;

/** Links to files: a click on one is a download. */
const DOWNLOAD = /\.(pdf|zip|gz|rar|7z|dmg|exe|msi|apk|csv|xlsx?|docx?|pptx?|mp[34])$/i;
/** A page reports at most this many errors: a loop that throws must not flood the pipeline. */
const MAX_ERRORS = 10;
const MAX_STACK = 1000;

/** Clicks: outbound links and downloads by name, any other click as `$autocapture`, with where it landed. */
function captureClicks(track: Track): void {
  listen(document, 'click', (event) => {
    const { target, pageX, pageY } = event as MouseEvent;
    if (!(target instanceof Element)) return;
    const element = clickedElement(target);
    const context = describe(element);
    const link = element as HTMLAnchorElement;
    const name =
      context.tag !== 'a' || !link.href
        ? '$autocapture'
        : link.hasAttribute('download') || DOWNLOAD.test(link.pathname)
          ? '$download'
          : /^http/.test(link.protocol) && link.host !== location.host
            ? '$outbound'
            : '$autocapture';
    // Fractional coordinates are cut to whole pixels by the edge.
    track(name, { ...context, x: pageX, y: pageY, vw: innerWidth });
  });
}

/** Form submissions: the form's identity and target, never a field. */
function captureSubmits(track: Track): void {
  listen(document, 'submit', (event) => {
    if (event.target instanceof HTMLFormElement) track('$form_submit', describe(event.target));
  });
}

/** Uncaught errors and unhandled rejections, the same message once per page. */
function captureErrors(track: Track): void {
  const seen = new Set<string>();
  const report = (error: unknown, message: string, source?: string, line?: number, column?: number) => {
    if (seen.size >= MAX_ERRORS || seen.has(message)) return;
    seen.add(message);
    track('$error', {
      em: message,
      es: source,
      el: line,
      ec: column,
      est: (error as Error)?.stack?.slice(0, MAX_STACK),
    });
  };
  listen(window, 'error', (event) => {
    // Resource load failures (an <img> 404) reach capturing listeners too, without a message: not script errors.
    if (!(event instanceof ErrorEvent)) return;
    report(event.error, event.message, event.filename, event.lineno, event.colno);
  });
  listen(window, 'unhandledrejection', (event) => {
    const reason = (event as PromiseRejectionEvent).reason;
    report(reason, `Unhandled rejection: ${reason?.message ?? reason}`);
  });
}

/**
 * Scroll depth (the deepest % of the page seen) and engagement time (visible time) of the current
 * page, reported as `$engagement` when the page is hidden or left (the clock stops until it is
 * visible again) or the route changes (the clock goes on for the new route).
 */
function captureEngagement(track: Track): (stillVisible: boolean) => void {
  let depth = 0;
  let visibleSince = document.hidden ? 0 : Date.now();
  const measureDepth = () => {
    const height = document.documentElement.scrollHeight;
    depth = Math.max(
      depth,
      height ? Math.min(100, Math.round(((scrollY + innerHeight) / height) * 100)) : 100,
    );
  };
  measureDepth();
  listen(window, 'scroll', measureDepth);
  listen(document, 'visibilitychange', () => {
    if (!document.hidden) visibleSince = Date.now();
  });
  return (stillVisible) => {
    if (visibleSince) track('$engagement', { u: countedUrl(), sd: depth, et: Date.now() - visibleSince });
    depth = 0;
    measureDepth();
    visibleSince = stillVisible ? Date.now() : 0;
  };
}

/**
 * Starts what the site's autocapture settings switch on. Returns what to run when the page is left
 * (hidden, unloaded) or the route changes: the engagement report.
 */
export function startCapture(track: Track): { leave: (stillVisible: boolean) => void } {
  const on = settings.autocapture;
  if (on.clicks) captureClicks(track);
  if (on.forms) captureSubmits(track);
  if (on.errors) captureErrors(track);
  const reportEngagement = on.engagement ? captureEngagement(track) : () => {};
  return { leave: reportEngagement };
}
