/**
 * Calls `onOrphaned` once the process that started this one has exited (this process is then handed to
 * init or a subreaper, and its parent id changes). `npm start` runs the stack under `sh -c`, and npm
 * passes a SIGTERM on to that shell alone, which exits without passing it on: the stack would run on
 * with nobody left to stop it, holding its ports. Polled, as Linux tells a process of its parent's
 * death only through prctl, which Node does not expose. `parent`: the parent as read when the process
 * began, where the watch starts later (after a long start, during which the shell may already be gone).
 */
export function whenOrphaned(
  onOrphaned: () => void,
  { everyMs = 500, parent = process.ppid }: { everyMs?: number; parent?: number } = {},
): void {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  // The watch alone keeps nothing running.
  timer.unref();
}
