/**
 * `npm run bench:backend`: the backend's footprint and speed. Starts it as `npm start` does (its own
 * process, against a private ClickHouse 18.16 holding BENCH_EVENTS events): the first start (ClickHouse
 * and metadata migrations, the owner's argon2id hash) and restarts, spawn to listening; the idle RSS;
 * then requests per second, side by side in interleaved rounds, for `/api/health` (no auth, no store)
 * and an authenticated 30-day overview report (access token, user lookup, ClickHouse query). The
 * backend is pinned to core 0, wrk to core 1; ClickHouse runs where it can. Targets: RSS ≤ 150 MB idle,
 * start ≤ 3 s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ClickHouseHarness, eventRow } from '@sluice/pipeline/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@sluice/services';
import { backendEnvironment, signInAs, startBackend, stopBackend } from './backend-process';
import { machineInfo, median, ms, positiveInt, runBenchmark, thousands } from './report';
import { runWrk, writeWrkGetScript, type WrkResult } from './wrk';

const BACKEND_CORE = 0;
const CLIENT_CORE = 1;
const TARGET_RSS_MB = 150;
const TARGET_START_MS = 3000;
const IDLE_SECONDS = 5;
const INSERT_BATCH = 50_000;
const OWNER = { email: 'bench@sluice.local', password: randomBytes(18).toString('base64url') };

interface Settings {
  events: number;
  restarts: number;
  seconds: number;
  rounds: number;
  connections: number;
}

const settingsFrom = (env: NodeJS.ProcessEnv): Settings => ({
  events: positiveInt(env, 'BENCH_EVENTS', 200_000),
  restarts: positiveInt(env, 'BENCH_RESTARTS', 3),
  seconds: positiveInt(env, 'BENCH_SECONDS', 10),
  rounds: positiveInt(env, 'BENCH_ROUNDS', 2),
  connections: positiveInt(env, 'BENCH_CONNECTIONS', 16),
});

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Inserts `count` pageviews of site 1 over the last 30 days, with progress. */
async function seed(clickhouse: ClickHouseHarness, count: number): Promise<void> {
  const now = Date.now();
  for (let done = 0; done < count; done += INSERT_BATCH) {
    const rows = Array.from({ length: Math.min(INSERT_BATCH, count - done) }, (_, i) =>
      eventRow({
        site_id: 1,
        ts: new Date(now - ((done + i) % 30) * 86_400_000 - (i % 86_400) * 1000)
          .toISOString()
          .slice(0, 19)
          .replace('T', ' '),
        visitor_id: `v${(done + i) % 20_000}`,
      }),
    );
    await clickhouse.admin.insert({
      table: `${clickhouse.database}.events`,
      values: rows,
      format: 'JSONEachRow',
    });
    process.stdout.write(
      `\rSeeding ClickHouse: ${thousands(Math.min(done + INSERT_BATCH, count))} of ${thousands(count)} events`,
    );
  }
  process.stdout.write('\n');
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.env);
  console.log('Sluice backend benchmark');
  for (const line of machineInfo()) console.log(`  ${line}`);
  console.log(`  settings: ${JSON.stringify(settings)}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-backend-'));
  const clickhouse = await new ClickHouseHarness().start();
  try {
    await clickhouse.migrate();
    await seed(clickhouse, settings.events);
    const port = await freePort();
    const env = backendEnvironment({ port, dir, clickhouse, owner: OWNER });

    const first = await startBackend(env, BACKEND_CORE);
    await stopBackend(first.child);
    const restarts: number[] = [];
    for (let i = 0; i < settings.restarts; i++) {
      const run = await startBackend(env, BACKEND_CORE);
      restarts.push(run.startMs);
      await stopBackend(run.child);
    }

    const { child } = await startBackend(env, BACKEND_CORE);
    await sleep(IDLE_SECONDS * 1000);
    const idleRss = rssMb(child.pid!);
    const accessToken = await signInAs(`http://127.0.0.1:${port}`, OWNER);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const script = join(dir, 'get.lua');
    writeWrkGetScript(script);
    const scenarios = {
      health: { url: `http://127.0.0.1:${port}/api/health`, headers: {} },
      overview: {
        url: `http://127.0.0.1:${port}/api/sites/1/overview?from=${from}&to=${to}`,
        headers: { authorization: `Bearer ${accessToken}` },
      },
    };
    const results: Record<keyof typeof scenarios, WrkResult[]> = { health: [], overview: [] };
    for (let round = 1; round <= settings.rounds; round++)
      for (const [name, scenario] of Object.entries(scenarios) as Array<
        [keyof typeof scenarios, (typeof scenarios)['health']]
      >) {
        process.stdout.write(`Round ${round}/${settings.rounds}: ${name} for ${settings.seconds} s…\n`);
        const result = await runWrk({
          ...scenario,
          scriptFile: script,
          seconds: settings.seconds,
          connections: settings.connections,
          core: CLIENT_CORE,
        });
        if (result.non2xx > 0 || result.socketErrors > 0)
          throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.socketErrors} socket errors`);
        results[name].push(result);
      }
    const loadedRss = rssMb(child.pid!);
    await stopBackend(child);

    const rate = (name: keyof typeof scenarios) => median(results[name].map((r) => r.requestsPerSecond));
    const p99 = (name: keyof typeof scenarios) => median(results[name].map((r) => r.p99Ms));
    console.log('\nResults');
    console.log(
      `  first start (metadata migrations, the owner's password hash): ${thousands(first.startMs)} ms`,
    );
    console.log(
      `  restart, median of ${settings.restarts}: ${thousands(median(restarts))} ms (target ≤ ${TARGET_START_MS}: ${median(restarts) <= TARGET_START_MS ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  idle RSS after ${IDLE_SECONDS} s: ${idleRss.toFixed(1)} MB (target ≤ ${TARGET_RSS_MB}: ${idleRss <= TARGET_RSS_MB ? 'met' : 'MISSED'}); after the load: ${loadedRss.toFixed(1)} MB`,
    );
    console.log(`  GET /api/health: ${thousands(rate('health'))} req/s, p99 ${ms(p99('health'))}`);
    console.log(
      `  authenticated 30-day overview over ${thousands(settings.events)} events: ${thousands(rate('overview'))} req/s, p99 ${ms(p99('overview'))}`,
    );
    console.log(`  overview / health: ${(rate('overview') / rate('health')).toFixed(2)}`);
  } finally {
    await clickhouse.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
