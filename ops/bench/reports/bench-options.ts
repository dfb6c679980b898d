import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../src/repo-root';
import { DEFAULT_PLAN, type SeedPlan } from '@sluice/traffic';

/** A command-line option that must be a positive integer, or its default when absent. */
export function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, not "${raw}"`);
  return value;
}

/** The options that choose the seeded set, shared by the benchmarks over it: --events --sites --seed --dir. */
export const SEED_OPTIONS = {
  events: { type: 'string' },
  sites: { type: 'string' },
  seed: { type: 'string' },
  dir: { type: 'string' },
} as const;

export function seedFrom(values: { events?: string; sites?: string; seed?: string; dir?: string }): {
  plan: SeedPlan;
  dir: string;
} {
  return {
    plan: {
      ...DEFAULT_PLAN,
      events: positive('events', values.events, DEFAULT_PLAN.events),
      sites: positive('sites', values.sites, DEFAULT_PLAN.sites),
      seed: positive('seed', values.seed, DEFAULT_PLAN.seed),
    },
    dir: resolve(values.dir ?? join(REPO_ROOT, 'data', 'bench-reports')),
  };
}
