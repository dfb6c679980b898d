/**
 * Seeded randomness for the benchmark's events: the same seed gives the same rows on every run and
 * machine, so a seeded ClickHouse can be reused and figures from different days compare like with like.
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter): 32-bit state words, fast in V8, passes PractRand. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = seed >>> 0;
    // The first outputs of a fresh state are correlated with the seed: let it mix.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** How many trials until the first success, at least 1: session lengths, clicks per page. */
  geometric(mean: number): number {
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - 1 / mean));
  }

  /** Log-normal around `median`: dwell times and load times have long right tails. */
  logNormal(median: number, sigma: number): number {
    const gaussian = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(sigma * gaussian);
  }

  /** 32 lower-case hex digits. */
  hex128(): string {
    return (
      hex32(this.nextUint32()) +
      hex32(this.nextUint32()) +
      hex32(this.nextUint32()) +
      hex32(this.nextUint32())
    );
  }

  /** A version-4 UUID, lower-case, as the tracker mints event ids. */
  uuid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    // Version 4 in the high nibble of the third group, variant 10 in the top bits of the fourth.
    const version = ((b & 0xffff0fff) | 0x4000) >>> 0;
    const variant = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    return `${hex32(a)}-${hex32(version).slice(0, 4)}-${hex32(version).slice(4)}-${hex32(variant).slice(0, 4)}-${hex32(variant).slice(4)}${hex32(d)}`;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 lower-case hex digits of a 32-bit unsigned integer. */
const hex32 = (n: number) =>
  BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 0xff] + BYTE_HEX[(n >>> 8) & 0xff] + BYTE_HEX[n & 0xff];

/**
 * Picks from a list by weight in O(log n): built once per list, then a binary search over the
 * cumulative weights for each draw.
 */
export class Weighted<T> {
  private readonly cumulative: Float64Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length)
      throw new Error('Weighted needs one weight per item, and at least one item');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
  }

  /** Ranked items, the k-th (from 1) weighted 1 / k^exponent: pages, referrers, countries, elements. */
  static zipf<T>(items: readonly T[], exponent = 1): Weighted<T> {
    return new Weighted(
      items,
      items.map((_, k) => 1 / (k + 1) ** exponent),
    );
  }

  /** From [item, weight] pairs. */
  static of<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
    return new Weighted(
      pairs.map(([item]) => item),
      pairs.map(([, w]) => w),
    );
  }

  /** The same weights over items made from these. */
  map<U>(make: (item: T) => U): Weighted<U> {
    return new Weighted(
      this.items.map(make),
      Array.from(this.cumulative, (sum, i) => sum - (i > 0 ? this.cumulative[i - 1] : 0)),
    );
  }

  draw(random: Random): T {
    const target = random.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.items[low];
  }
}
