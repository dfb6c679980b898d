import { createHash } from 'node:crypto';

/**
 * Feature flags as the backend publishes them for the edge: one document per site,
 * `<flags dir>/<site id>.json`, written atomically after every change (backend/src/flags). The edge
 * evaluates them per request (edge/lua/sluice/flags.lua); `evaluateFlag` below is the same algorithm
 * for the backend's tests, and both are checked against the vectors in `flag-vectors.json`.
 */
export const FLAG_ATTRIBUTES = ['path', 'country', 'device', 'browser', 'userId'] as const;
export type FlagAttribute = (typeof FLAG_ATTRIBUTES)[number];
export const FLAG_OPERATORS = ['in', 'not_in'] as const;
export type FlagOperator = (typeof FLAG_OPERATORS)[number];

/**
 * A targeting rule on what the edge knows of a request: the page's path (values are wildcard patterns,
 * `*` for any run of characters), the visitor's country (ISO 3166-1 alpha-2), device type (`desktop`,
 * `mobile`, `tablet`, `bot`), browser family (uap-core's names: `Chrome`, `Firefox`, `Mobile Safari`…)
 * or whether the page identified its user (`userId`: values `present` or `absent`).
 */
export interface FlagRule {
  attribute: FlagAttribute;
  operator: FlagOperator;
  values: string[];
}

export interface FlagVariant {
  key: string;
  /** Percent of the rolled-out visitors; a flag's weights sum to 100. */
  weight: number;
}

export interface PublishedFlag {
  key: string;
  enabled: boolean;
  /** Percent of the visitors the rules let through who get the flag, 0–100. */
  rollout: number;
  /** None: a boolean flag (`true` when on). */
  variants: FlagVariant[];
  /** Every rule must hold. */
  rules: FlagRule[];
}

export interface FlagsDocument {
  /** A hash of the flags: changes with every change, the same for the same flags. */
  version: string;
  flags: PublishedFlag[];
}

/** What the edge knows of a request, as the rules read it. */
export interface FlagContext {
  path: string;
  country: string;
  device: string;
  browser: string;
  hasUserId: boolean;
}

/** The value a page sees: off (`false`), on (`true`) or a variant's key. */
export type FlagValue = boolean | string;

const BUCKETS = 10_000;

/** SHA-1 of `<flag key>:<stable id>`: bytes 0–3 (big-endian) give the rollout bucket, 4–7 the variant's, each mod 10,000. */
export function flagBuckets(flagKey: string, stableId: string): { rollout: number; variant: number } {
  const digest = createHash('sha1').update(`${flagKey}:${stableId}`).digest();
  return { rollout: digest.readUInt32BE(0) % BUCKETS, variant: digest.readUInt32BE(4) % BUCKETS };
}

/** `*` matches any run of characters; everything else itself. */
export function pathMatches(pattern: string, path: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === path;
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  if (!path.startsWith(head)) return false;
  let at = head.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = path.indexOf(piece, at);
    if (found === -1) return false;
    at = found + piece.length;
  }
  return path.length - tail.length >= at && path.endsWith(tail);
}

function ruleHolds(rule: FlagRule, context: FlagContext): boolean {
  const value =
    rule.attribute === 'userId' ? (context.hasUserId ? 'present' : 'absent') : context[rule.attribute];
  const found = rule.values.some((candidate) =>
    rule.attribute === 'path' ? pathMatches(candidate, value) : candidate === value,
  );
  return rule.operator === 'not_in' ? !found : found;
}

/** Off, then the rules, then the rollout bucket, then the variant bucket over the cumulative weights. */
export function evaluateFlag(flag: PublishedFlag, context: FlagContext, stableId: string): FlagValue {
  if (!flag.enabled || !flag.rules.every((rule) => ruleHolds(rule, context))) return false;
  const buckets = flagBuckets(flag.key, stableId);
  if (buckets.rollout >= flag.rollout * (BUCKETS / 100)) return false;
  if (flag.variants.length === 0) return true;
  let upper = 0;
  for (const variant of flag.variants) {
    upper += variant.weight * (BUCKETS / 100);
    if (buckets.variant < upper) return variant.key;
  }
  return flag.variants[flag.variants.length - 1].key;
}
