import { waitUntil } from '@sluice/processes';

export interface MarkerOptions<T> {
  /**
   * Sends the marker down the same ordered path as what is watched, after it: whatever was sent before
   * the marker arrives before it (or with it).
   */
  send: () => Promise<unknown>;
  /** Everything that has arrived so far, in order of arrival. */
  arrived: () => T[] | Promise<T[]>;
  /** Whether an arrival is this marker (and no other: each call needs a marker of its own). */
  isMarker: (item: T) => boolean;
  timeoutMs?: number;
}

/**
 * What arrived before the marker, in order, once the marker has arrived: the proof that something did
 * not arrive, or arrived exactly so many times. A fixed sleep proves neither: when the thing is only
 * slower than the sleep (a batch delay, a flush interval, a retry grown longer), the sleep passes without
 * proving anything. Fails naming `what` when the marker never arrives.
 */
export async function arrivedBeforeMarker<T>(
  what: string,
  { send, arrived, isMarker, timeoutMs = 15_000 }: MarkerOptions<T>,
): Promise<T[]> {
  await send();
  let before: T[] | undefined;
  await waitUntil(
    `the marker after ${what}`,
    async () => {
      const items = await arrived();
      const at = items.findIndex(isMarker);
      if (at >= 0) before = items.slice(0, at);
      return before !== undefined;
    },
    { timeoutMs },
  );
  return before!;
}

/** How many times each key occurs: compared whole, a duplicate or a missing item fails the comparison. */
export function tally<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
