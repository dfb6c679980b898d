import { startCapture } from './capture';
import { loadFlags, runCommand, track } from './commands';
import { watchRoutes } from './navigation';
import { guard, listen } from './guard';
import { adoptHandOver, handOverOnLinks } from './linking';
import { flush, startRetries } from './transport';

/** What `window._sluice` becomes once the tracker has loaded: each push runs at once. */
interface LoadedSluice {
  push(...commands: unknown[]): void;
}

declare global {
  interface Window {
    /** Before load, the page's queue of commands; after load, the tracker's `push`. */
    _sluice?: unknown[] | LoadedSluice;
  }
}

function start(): void {
  const queued = window._sluice as unknown[] | undefined;
  // A second copy of the script on the same page finds the tracker already running (its `push` object,
  // which is no array) and leaves it alone.
  if (queued && !queued.forEach) return;
  if (CROSS_DOMAIN) guard(adoptHandOver);
  queued?.forEach(runCommand);
  loadFlags();
  startRetries();
  const leavePage = startCapture((name, fields) => track(name, undefined, fields));
  // After autocapture's click listener, which so records the link as the page wrote it.
  if (CROSS_DOMAIN) handOverOnLinks();
  watchRoutes(() => {
    leavePage(true);
    track('pageview', undefined);
  });
  window._sluice = { push: (...commands) => commands.forEach(runCommand) };

  // The page may never come back from here (tab closed, navigation, app switch on mobile): report the
  // time spent on it and send what is pending.
  const leave = () => {
    leavePage(false);
    flush(true);
  };
  listen(window, 'pagehide', leave);
  // Back on the page: the engagement clock runs again (nothing is reported, it was stopped).
  listen(document, 'visibilitychange', () => (document.hidden ? leave() : leavePage(true)));
}

guard(start);
