import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS, SITES_FILE_VERSION, type SiteEntry } from '@sluice/config';
import { freePort, waitUntil } from '@sluice/services';
import { apiCall, backendEnvironment, signInAs, startBackend, stopBackend } from '../backend-process';
import { siteCatalogues, type SeedPlan } from '@sluice/traffic';
import type { SeededClickHouse } from './seeder';

const BACKEND_CORE = 0;

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The benchmark sites as a sites file the first start imports with their ids (the ids in the seeded
 * rows). Persistent mode: the generator's visitors keep their id across days, as the tracker's
 * first-party id does.
 */
function writeSitesFile(path: string, plan: SeedPlan): void {
  const sites: SiteEntry[] = siteCatalogues(plan).map(({ id, name, domain, timezone }) => ({
    id,
    key: `bench-site-${id}`,
    name,
    domain,
    timezone,
    privacyMode: 'persistent',
  }));
  writeFileSync(path, JSON.stringify({ version: SITES_FILE_VERSION, sites }));
}

/** A live site's visits are finalized this many UTC days after their first (SLUICE_FINALIZE_AFTER_DAYS). */
const FINALIZE_AFTER_DAYS = Number(SETTINGS.SLUICE_FINALIZE_AFTER_DAYS.default);
/**
 * …and written provisionally this many (SLUICE_PROVISIONAL_AFTER_DAYS): the days a live site's reports
 * merge from the rollup (the benchmark's `--open-days`, up to FINALIZE_AFTER_DAYS).
 */
export const OPEN_DAYS = Number(SETTINGS.SLUICE_PROVISIONAL_AFTER_DAYS.default);

/** The last day a live site has finalized on the seed's last day. */
const lastFinalizedDay = (plan: SeedPlan) => addDays(plan.endDay, -FINALIZE_AFTER_DAYS);
/** The last day a live site with `openDays` open days has written, final or provisional, on the seed's last day. */
const lastWrittenDay = (plan: SeedPlan, openDays: number) =>
  addDays(plan.endDay, -Math.min(openDays, FINALIZE_AFTER_DAYS));

/**
 * The finalizer's delays that leave the seeded days as a live site's are on the seed's last day: final up to
 * FINALIZE_AFTER_DAYS before it, provisional up to `openDays` before it, the days after merged from the
 * rollup by every report. The seed's days are fixed, so without them each day the benchmark runs later
 * would find one more of them finalized, and time less of the rollup than a live site reads.
 */
function finalizerDelays(plan: SeedPlan, openDays: number, now: Date): Record<string, string> {
  const daysSinceEnd = Math.max(
    0,
    (Date.parse(now.toISOString().slice(0, 10)) - Date.parse(plan.endDay)) / 86_400_000,
  );
  return {
    SLUICE_FINALIZE_AFTER_DAYS: String(FINALIZE_AFTER_DAYS + daysSinceEnd),
    SLUICE_PROVISIONAL_AFTER_DAYS: String(openDays + daysSinceEnd),
  };
}

/** The finalizer's records of the days it finalized (visits, and their page sequences). */
const FINALIZED_RECORDS = ['visits_finalized', 'visit_paths_finalized'];

/**
 * A reused copy finalized further by a run on a later day forgets the days after `target`, as an operator
 * has days finalized again (docs/operations.md), provisional ones included: the backend writes the days
 * after again at its start. The rows of the days forgotten stay, unread (reports read the latest recorded
 * version of the days recorded).
 */
async function finalizedNoFurtherThan(clickhouse: SeededClickHouse, target: string): Promise<void> {
  for (const table of FINALIZED_RECORDS) {
    // Asked first: a mutation rewrites the table's parts even when it deletes nothing.
    const [{ later }] = await clickhouse.query<{ later: string }>(
      `SELECT count() AS later FROM ${table} WHERE day > toDate('${target}')`,
    );
    if (Number(later) > 0)
      await clickhouse.command(`ALTER TABLE ${table} DELETE WHERE day > toDate('${target}')`);
  }
  await waitUntil('the finalized days after the target forgotten', async () => {
    const [{ pending }] = await clickhouse.query<{ pending: string }>(
      `SELECT count() AS pending FROM system.mutations WHERE database = '${clickhouse.database}' AND NOT is_done`,
    );
    return Number(pending) === 0;
  });
}

/**
 * Waits for the backend's first run of the visit finalizer (it starts with the backend): reports are
 * timed on a settled server, whose visits up to `openDays` before the seed's last day are plain
 * rows (migrations 0014 and 0024), their page sequences too (migration 0019: filled after the visits on a
 * copy finalized before it).
 */
async function finalizedVisits(
  clickhouse: SeededClickHouse,
  plan: SeedPlan,
  openDays: number,
): Promise<void> {
  const started = performance.now();
  const target = lastWrittenDay(plan, openDays);
  await waitUntil(
    `visits finalized through ${target}`,
    async () => {
      const [{ day }] = await clickhouse.query<{ day: string }>(
        `SELECT toString(least((SELECT max(day) FROM visits_finalized), (SELECT max(day) FROM visit_paths_finalized))) AS day`,
      );
      return day >= target;
    },
    { timeoutMs: 30 * 60_000 },
  );
  console.log(
    `Visits finalized through ${lastFinalizedDay(plan)} and provisionally through ${target} in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s: the last ${openDays} seeded day(s) are ` +
      `merged from the rollup, as a live site's are`,
  );
}

/**
 * The goals the benchmark's largest site (id 1) is given, as its owner adds them: a page its visitors reach
 * and an event they send. The panel's goals card and every report with a goal read them.
 */
export const BENCH_GOALS = {
  pricing: { name: 'Saw pricing', kind: 'page', match: '/pricing' },
  signup: { name: 'Signed up', kind: 'event', match: 'signup' },
} as const;
export type BenchGoals = Record<keyof typeof BENCH_GOALS, number>;

/** BENCH_GOALS created through the API as `owner`: their ids. */
async function createGoals(baseUrl: string, owner: { email: string; password: string }): Promise<BenchGoals> {
  const token = await signInAs(baseUrl, owner);
  const ids = await Promise.all(
    Object.values(BENCH_GOALS).map(
      async (body) => (await apiCall<{ id: number }>(baseUrl, '/api/sites/1/goals', { token, body })).id,
    ),
  );
  return Object.fromEntries(Object.keys(BENCH_GOALS).map((key, index) => [key, ids[index]])) as BenchGoals;
}

export interface BenchBackend {
  port: number;
  baseUrl: string;
  /** The ids of BENCH_GOALS on site 1. */
  goals: BenchGoals;
  stop(): Promise<void>;
}

/**
 * The backend as `npm start` runs it over the seeded ClickHouse (its own process, pinned to core 0, a fresh
 * metadata store whose first start creates `owner` and imports the benchmark sites), once its visits are
 * finalized.
 */
export async function startBenchBackend(
  clickhouse: SeededClickHouse,
  plan: SeedPlan,
  owner: { email: string; password: string },
  options: {
    /** Where the panel is served, when it is (the session's cookie is renewed from there only). */
    publicUrl?: string;
    /** The seed's last days left to the rollup, as a live site's are on its last day. */
    openDays?: number;
  } = {},
): Promise<BenchBackend> {
  const { publicUrl, openDays = OPEN_DAYS } = options;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-backend-'));
  const port = await freePort();
  const env = backendEnvironment({ port, dir, clickhouse, owner });
  writeSitesFile(env.SLUICE_SITES_FILE, plan);
  Object.assign(env, finalizerDelays(plan, openDays, new Date()));
  if (publicUrl) Object.assign(env, { SLUICE_PUBLIC_URL: publicUrl });
  let backend: Awaited<ReturnType<typeof startBackend>> | undefined;
  const stop = async () => {
    if (backend) await stopBackend(backend.child);
    rmSync(dir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // Before the backend starts: its finalizer reads the last finalized day once, on its first run.
    await finalizedNoFurtherThan(clickhouse, lastFinalizedDay(plan));
    backend = await startBackend(env, BACKEND_CORE);
    await finalizedVisits(clickhouse, plan, openDays);
    return { port, baseUrl, goals: await createGoals(baseUrl, owner), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
