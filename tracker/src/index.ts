import { startCapture } from './capture';
import { runCommand, track } from './commands';
import { watchRoutes } from './navigation';
import { guard, listen } from './guard';
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
  const queued = window._sluice;
  // A second copy of the script on the same page finds the tracker already running and leaves it alone.
  if (queued && !Array.isArray(queued)) return;
  (queued ?? []).forEach(runCommand);
  startRetries();
  const capture = startCapture((name, fields) => track(name, undefined, fields));
  watchRoutes(() => {
    capture.leave(true);
    track('pageview', undefined);
  });
  window._sluice = { push: (...commands) => commands.forEach(runCommand) };

  // The page may never come back from here (tab closed, navigation, app switch on mobile): report the
  // time spent on it and send what is pending.
  const leave = () => {
    capture.leave(false);
    flush(true);
  };
  listen(window, 'pagehide', leave);
  listen(document, 'visibilitychange', () => document.hidden && leave());
}

guard(start);
