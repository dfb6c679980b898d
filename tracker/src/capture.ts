import type { WireEvent } from '../../config/src/event-contract';
import { clickedElement, describe } from './element';
import { guard } from './guard';
import { countedUrl } from './navigation';
import { settings } from './settings';

type Track = (name: string, fields?: Partial<WireEvent>) => void;

/** Links to files: a click on one is a download. */
const DOWNLOAD = /\.(pdf|zip|gz|rar|7z|dmg|exe|msi|apk|csv|xlsx?|docx?|pptx?|txt|epub|mp[34]|mov)$/i;
/** A page reports at most this many errors: a loop that throws must not flood the pipeline. */
const MAX_ERRORS = 10;
const MAX_STACK = 1000;

const listen = (target: EventTarget, type: string, handler: (event: Event) => void) =>
  target.addEventListener(type, (event) => guard(() => handler(event)), { capture: true, passive: true });

/** Clicks: outbound links and downloads by name, any other click as `$autocapture`, with where it landed. */
function captureClicks(track: Track): void {
  listen(document, 'click', (event) => {
    const { target, pageX, pageY } = event as MouseEvent;
    if (!(target instanceof Element)) return;
    const element = clickedElement(target);
    const context = describe(element);
    let name = '$autocapture';
    if (element instanceof HTMLAnchorElement && element.href) {
      const url = new URL(element.href);
      if (element.hasAttribute('download') || DOWNLOAD.test(url.pathname)) name = '$download';
      else if (/^https?:$/.test(url.protocol) && url.host !== location.host) name = '$outbound';
    }
    track(name, { ...context, x: Math.round(pageX), y: Math.round(pageY), vw: innerWidth });
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
    const stack = error instanceof Error && error.stack ? error.stack.slice(0, MAX_STACK) : undefined;
    track('$error', { em: message, es: source, el: line, ec: column, est: stack });
  };
  listen(window, 'error', (event) => {
    // Resource load failures (an <img> 404) reach capturing listeners too, without a message: not script errors.
    if (!(event instanceof ErrorEvent)) return;
    report(event.error, event.message, event.filename, event.lineno, event.colno);
  });
  listen(window, 'unhandledrejection', (event) => {
    const reason = (event as PromiseRejectionEvent).reason;
    report(reason, `Unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
}

/**
 * Scroll depth (the deepest % of the page seen) and engagement time (visible and focused time) of the
 * current page, reported as `$engagement` when the page is hidden or the route changes.
 */
function captureEngagement(track: Track): () => void {
  let depth = 0;
  let engaged = 0;
  let visibleSince = document.visibilityState === 'visible' ? Date.now() : 0;
  const measureDepth = () => {
    const height = document.documentElement.scrollHeight;
    depth = Math.max(
      depth,
      height ? Math.min(100, Math.round(((scrollY + innerHeight) / height) * 100)) : 100,
    );
  };
  const pause = () => {
    if (visibleSince) engaged += Date.now() - visibleSince;
    visibleSince = 0;
  };
  measureDepth();
  listen(window, 'scroll', measureDepth);
  listen(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') visibleSince = Date.now();
  });
  return () => {
    pause();
    if (engaged > 0) track('$engagement', { u: countedUrl(), sd: depth, et: engaged });
    engaged = 0;
    depth = 0;
    measureDepth();
    if (document.visibilityState === 'visible') visibleSince = Date.now();
  };
}

/**
 * Starts what the site's autocapture settings switch on. Returns what to run when the page is left
 * (hidden, unloaded) or the route changes: the engagement report.
 */
export function startCapture(track: Track): { leave: () => void } {
  const on = settings.autocapture;
  if (on.clicks) captureClicks(track);
  if (on.forms) captureSubmits(track);
  if (on.errors) captureErrors(track);
  const reportEngagement = on.engagement ? captureEngagement(track) : () => {};
  return { leave: reportEngagement };
}
