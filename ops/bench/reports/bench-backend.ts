import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITES_FILE_VERSION, type SiteEntry } from '@sluice/config';
import { freePort, waitUntil } from '@sluice/services';
import { backendEnvironment, startBackend, stopBackend } from '../backend-process';
import { siteCatalogues, type SeedPlan } from './event-generator';
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

/**
 * Waits for the backend's first run of the visit finalizer (it starts with the backend): reports are
 * timed on a settled server, whose visits up to 3 UTC days before today are plain rows (migration 0014),
 * their page sequences too (migration 0019: filled after the visits on a copy finalized before it).
 */
async function finalizedVisits(clickhouse: SeededClickHouse): Promise<void> {
  const started = performance.now();
  const target = addDays(new Date().toISOString().slice(0, 10), -3);
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
  console.log(`Visits finalized through ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
  const env = backendEnvironment({
    port,
    dir,
    clickhouseUrl: clickhouse.url,
    database: clickhouse.database,
    accounts: clickhouse.credentials,
    owner,
  });
  writeSitesFile(env.SLUICE_SITES_FILE, plan);
  if (publicUrl) Object.assign(env, { SLUICE_PUBLIC_URL: publicUrl });
  let backend: Awaited<ReturnType<typeof startBackend>> | undefined;
  const stop = async () => {
    if (backend) await stopBackend(backend.child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    backend = await startBackend(env, BACKEND_CORE);
    await finalizedVisits(clickhouse);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, baseUrl: `http://127.0.0.1:${port}`, stop };
}
