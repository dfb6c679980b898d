/**
 * `part` of `whole` in percent to two decimals, rounded half up in integers, as the SQL metrics round
 * (metrics.ts): no float ties (1 of 8 is 12.5, never 12.49). 0 of nothing.
 */
export const percentOf = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.floor((20_000 * part + whole) / (2 * whole)) / 100;
