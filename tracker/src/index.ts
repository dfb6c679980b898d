import { runCommand, track } from './commands';
import { watchRoutes } from './navigation';
import { guard } from './guard';
import { flush } from './transport';

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
  watchRoutes(() => track('pageview', undefined));
  window._sluice = { push: (...commands) => commands.forEach(runCommand) };

  // The page may never come back from here (tab closed, navigation, app switch on mobile): send what is pending.
  addEventListener('pagehide', () => guard(() => flush(true)));
  document.addEventListener('visibilitychange', () =>
    guard(() => {
      if (document.visibilityState === 'hidden') flush(true);
    }),
  );
}

guard(start);
