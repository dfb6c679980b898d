import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The environment that runs nginx on a wall clock `seconds` ahead (or behind, when negative), for tests
 * that must see a day end, or an edge at another moment, without waiting for it: `test/shifted-clock.c`,
 * compiled into `dir` with `cc` (Debian's gcc) and loaded with LD_PRELOAD. Only whole seconds move.
 */
export function shiftedClockEnvironment(dir: string, seconds: number): Record<string, string> {
  const library = join(dir, 'shifted-clock.so');
  execFileSync('cc', [
    '-shared',
    '-fPIC',
    '-O2',
    '-o',
    library,
    join(__dirname, '..', '..', 'test', 'shifted-clock.c'),
    '-ldl',
  ]);
  return { LD_PRELOAD: library, SHIFTED_CLOCK_SECONDS: String(seconds) };
}
