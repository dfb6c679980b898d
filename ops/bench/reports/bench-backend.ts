import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS, SITES_FILE_VERSION, type SiteEntry } from '@sluice/config';
import { freePort, waitUntil } from '@sluice/services';
import { backendEnvironment, startBackend, stopBackend } from '../backend-process';
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

/** The last day a live site has finalized on the seed's last day. */
const lastFinalizedDay = (plan: SeedPlan) => addDays(plan.endDay, -FINALIZE_AFTER_DAYS);

/**
 * The finalizer's delay that leaves the seeded days as a live site's are on the seed's last day: finalized up to
 * FINALIZE_AFTER_DAYS before it, the last days merged from the rollup by every report. The seed's days are
 * fixed, so without it each day the benchmark runs later would find one more of them finalized, and time
 * less of the rollup than a live site reads (none at all from FINALIZE_AFTER_DAYS days after the seed's end).
 */
function finalizeAfterDays(plan: SeedPlan, now: Date): number {
  const daysSinceEnd = (Date.parse(now.toISOString().slice(0, 10)) - Date.parse(plan.endDay)) / 86_400_000;
  return FINALIZE_AFTER_DAYS + Math.max(0, daysSinceEnd);
}

/** The finalizer's records of the days it finalized (visits, and their page sequences). */
const FINALIZED_RECORDS = ['visits_finalized', 'visit_paths_finalized'];

/**
 * A reused copy finalized further by a run on a later day forgets the days after `target`, as an operator
 * has days finalized again (docs/operations.md): the backend then reads them from the rollup. Their rows
 * stay, unread (reports read the latest recorded version of the days recorded).
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
 * timed on a settled server, whose visits up to FINALIZE_AFTER_DAYS before the seed's last day are plain
 * rows (migration 0014), their page sequences too (migration 0019: filled after the visits on a copy
 * finalized before it).
 */
async function finalizedVisits(clickhouse: SeededClickHouse, plan: SeedPlan): Promise<void> {
  const started = performance.now();
  const target = lastFinalizedDay(plan);
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
    `Visits finalized through ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `the last ${FINALIZE_AFTER_DAYS} seeded days are merged from the rollup, as a live site's are`,
  );
}

export interface BenchBackend {
  port: number;
  baseUrl: string;
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
  /** Where the panel is served, when it is (the session's cookie is renewed from there only). */
  publicUrl?: string,
): Promise<BenchBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-backend-'));
  const port = await freePort();
  const env = backendEnvironment({ port, dir, clickhouse, owner });
  writeSitesFile(env.SLUICE_SITES_FILE, plan);
  Object.assign(env, { SLUICE_FINALIZE_AFTER_DAYS: String(finalizeAfterDays(plan, new Date())) });
  if (publicUrl) Object.assign(env, { SLUICE_PUBLIC_URL: publicUrl });
  let backend: Awaited<ReturnType<typeof startBackend>> | undefined;
  const stop = async () => {
    if (backend) await stopBackend(backend.child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Before the backend starts: its finalizer reads the last finalized day once, on its first run.
    await finalizedNoFurtherThan(clickhouse, lastFinalizedDay(plan));
    backend = await startBackend(env, BACKEND_CORE);
    await finalizedVisits(clickhouse, plan);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, baseUrl: `http://127.0.0.1:${port}`, stop };
}
