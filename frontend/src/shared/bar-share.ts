/** The least length of a bar above zero, in percent: a sliver that says "a few", where no bar says "none". */
const SLIVER = 1;

/**
 * A bar's length in percent of the longest (0–100, to a tenth): `value` of `max`, never shorter than a sliver
 * when above zero, so two rows' bars differ as their numbers do and a small row still shows one.
 */
export function barShare(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(100, Math.max(SLIVER, Math.round((1000 * value) / max) / 10));
}
