/**
 * `npm run bench:pipeline`: the whole path on one machine — wrk → the edge → NDJSON → the shipper →
 * ClickHouse — in one run:
 *
 * 1. steady: wrk paced at about BENCH_STEADY_RATE events/s for BENCH_STEADY_SECONDS, the shipper
 *    running; ClickHouse is polled every 200 ms and each newly visible event's lag is the poll time
 *    minus its edge time (`ts`, whole seconds: +0.5 s stands for the unknown fraction).
 * 2. drain: the shipper stopped, wrk at full speed builds a backlog for BENCH_BACKLOG_SECONDS; then
 *    the shipper starts and the time until ClickHouse holds all of it gives the landed events/s.
 *
 * The shipper's RSS is sampled from /proc every 200 ms throughout. docs/benchmarks.md reads the result.
 */
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { RunningEdge } from '@sluice/edge';
import { runMigrations, startShipperProcess } from '@sluice/pipeline';
import {
  freePort,
  startClickHouse,
  waitUntil,
  type ManagedProcess,
  type RunningClickHouse,
} from '@sluice/services';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLoopbackEdge } from '@sluice/edge';
import { machineInfo, ms, percent, positiveInt, processCpuSeconds, runBenchmark, thousands } from './report';
import { BENCH_SITE, beacons } from './traffic';
import { runWrk, writeBeacons, writeWrkScript, type WrkResult } from './wrk';

const BATCH_SIZE = 10;
const POLL_MS = 200;
const STEADY_CONNECTIONS = 10;
const TARGETS = { landedPerSecond: 100_000, lagP99Seconds: 5, shipperRssMb: 150 };

interface Settings {
  steadyRate: number;
  steadySeconds: number;
  backlogSeconds: number;
}

function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  return {
    steadyRate: positiveInt(env, 'BENCH_STEADY_RATE', 10_000),
    steadySeconds: positiveInt(env, 'BENCH_STEADY_SECONDS', 30),
    backlogSeconds: positiveInt(env, 'BENCH_BACKLOG_SECONDS', 10),
  };
}

/** The shipper's resident memory, sampled until stopped; follows the shipper across restarts. */
class RssSampler {
  maxMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly shipper: () => ManagedProcess | undefined) {
    this.timer = setInterval(() => this.sample(), POLL_MS);
  }

  private sample(): void {
    const pid = this.shipper()?.pid;
    if (pid === undefined) return;
    try {
      const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1] ?? 0);
      this.maxMb = Math.max(this.maxMb, kb / 1024);
    } catch {
      // The process exited between the pid lookup and the read.
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Weighted percentile of lag samples: [seconds, events]. */
function percentile(samples: Array<[number, number]>, p: number): number {
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  let seen = 0;
  for (const [lag, n] of sorted) {
    seen += n;
    if (seen >= total * p) return lag;
  }
  return NaN;
}

async function landedEvents(client: ClickHouseClient): Promise<number> {
  const result = await client.query({
    query: `SELECT count() AS n FROM sluice.events WHERE site_id = ${BENCH_SITE.id}`,
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string }>())[0].n);
}

/** Polls ClickHouse while `until` is pending and turns each newly visible event into a lag sample. */
async function measureLag(
  client: ClickHouseClient,
  until: Promise<unknown>,
): Promise<Array<[number, number]>> {
  const seen = new Map<number, number>();
  const samples: Array<[number, number]> = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const result = await client.query({
      query: `SELECT toUInt32(ts) AS t, count() AS n FROM sluice.events WHERE site_id = ${BENCH_SITE.id} GROUP BY t`,
      format: 'JSONEachRow',
    });
    const now = Date.now() / 1000;
    for (const { t, n } of await result.json<{ t: number; n: string }>()) {
      const fresh = Number(n) - (seen.get(t) ?? 0);
      if (fresh > 0) samples.push([now - (Number(t) + 0.5), fresh]);
      seen.set(t, Number(n));
    }
    await sleep(POLL_MS);
  }
  return samples;
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.env);
  console.log(machineInfo().join('\n'));
  console.log(
    `settings: steady ${thousands(settings.steadyRate)} events/s for ${settings.steadySeconds} s, ` +
      `backlog ${settings.backlogSeconds} s of full-speed wrk, ${BATCH_SIZE}-event beacons; ` +
      'edge (1 worker), shipper and ClickHouse share the machine',
  );
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-bench-'));
  chmodSync(dir, 0o755);
  const account = (username: string) => ({ username, password: randomBytes(12).toString('hex') });
  const credentials = {
    admin: account('bench_admin'),
    ingest: account('bench_ingest'),
    reader: account('bench_reader'),
  };
  let clickhouse: RunningClickHouse | undefined;
  let edge: (RunningEdge & { eventsLog: string }) | undefined;
  let shipper: ManagedProcess | undefined;
  let client: ClickHouseClient | undefined;
  let failures = 0;
  const check = (ok: boolean, what: string) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures++;
  };
  try {
    console.log('Starting ClickHouse, the edge and the shipper…');
    clickhouse = await startClickHouse({
      dir: join(dir, 'clickhouse'),
      httpPort: await freePort(),
      tcpPort: await freePort(),
      database: 'sluice',
      credentials,
    });
    const target = (role: 'admin' | 'ingest') => ({
      url: clickhouse!.url,
      database: 'sluice',
      ...credentials[role],
    });
    await runMigrations(target('admin'));
    client = createClient({ url: clickhouse.url, ...credentials.admin });
    edge = await startLoopbackEdge(dir, [BENCH_SITE]);
    const eventsDir = dirname(edge.eventsLog);
    const startShipper = () =>
      startShipperProcess({
        inputDir: eventsDir,
        stateDir: join(dir, 'shipper'),
        logFile: join(dir, 'shipper.log'),
        clickhouse: target('ingest'),
      });
    shipper = startShipper();
    const rss = new RssSampler(() => shipper);

    const beaconsFile = join(dir, 'beacons.tsv');
    // wrk cycles this file: without tracker ids the edge mints fresh ones, so every event is new.
    writeBeacons(beaconsFile, beacons(10_000, BATCH_SIZE, { eventIds: false }));
    const pacedScript = join(dir, 'paced.lua');
    const fullSpeedScript = join(dir, 'full-speed.lua');
    writeWrkScript(pacedScript, { paced: true });
    writeWrkScript(fullSpeedScript);
    const wrk = (scriptFile: string, seconds: number, connections: number, delayMs?: number) =>
      runWrk({
        url: `${edge!.url}/telemetry/e`,
        beaconsFile,
        scriptFile,
        seconds,
        connections,
        core: 1,
        delayMs,
      });
    /**
     * Waits for ClickHouse to hold `count` events of the site, printing progress every 5 s. Returns
     * what each poll saw: [time in ms, events landed].
     */
    const waitForLanded = async (count: number) => {
      let lastReport = Date.now();
      const seen: Array<[number, number]> = [];
      await waitUntil(
        `${thousands(count)} events in ClickHouse`,
        async () => {
          const landed = await landedEvents(client!);
          seen.push([Date.now(), landed]);
          if (Date.now() - lastReport >= 5000) {
            console.log(`  ${thousands(landed)} of ${thousands(count)} events landed`);
            lastReport = Date.now();
          }
          return landed >= count;
        },
        { timeoutMs: 300_000 },
      );
      return seen;
    };

    // 1. Steady rate: each connection sends a beacon, then pauses so that all of them together
    // make about the asked rate (the answer's own latency, well under a millisecond here, is ignored).
    const delayMs = Math.max(0, Math.round((STEADY_CONNECTIONS * BATCH_SIZE * 1000) / settings.steadyRate));
    console.log(`Steady: ${STEADY_CONNECTIONS} connections, ${delayMs} ms between a connection's beacons…`);
    let steady!: WrkResult;
    const steadyDone = wrk(pacedScript, settings.steadySeconds, STEADY_CONNECTIONS, delayMs).then(
      async (result) => {
        steady = result;
        await waitForLanded(result.requests * BATCH_SIZE);
      },
    );
    const lag = await measureLag(client, steadyDone);
    await steadyDone;
    const steadyRate = steady.requestsPerSecond * BATCH_SIZE;
    const lagP50 = percentile(lag, 0.5);
    const lagP99 = percentile(lag, 0.99);
    const steadyRss = rss.maxMb;

    // 2. Drain: a backlog built with the shipper stopped, then shipped as fast as it goes.
    await shipper.stop();
    const before = await landedEvents(client);
    console.log(`Backlog: ${settings.backlogSeconds} s of full-speed wrk with the shipper stopped…`);
    const backlog = await wrk(fullSpeedScript, settings.backlogSeconds, 50);
    await sleep(1500); // the edge's buffered log flushes every second
    const lines = backlog.sent * BATCH_SIZE;
    const startedAt = Date.now();
    const clickhouseCpuBefore = processCpuSeconds(clickhouse.process.pid!);
    shipper = startShipper();
    const shipperPid = shipper.pid!;
    // wrk does not count answers still in flight when it stops; the edge wrote them all the same.
    const polls = await waitForLanded(before + backlog.requests * BATCH_SIZE);
    const drained = (await landedEvents(client)) - before;
    const drainSeconds = (Date.now() - startedAt) / 1000;
    // Sustained: the slope between the polls that first saw 10% and 90% of the backlog landed, free of
    // the shipper's start and the last batches' tail.
    const firstAt = (share: number) => polls.find(([, landed]) => landed - before >= drained * share)!;
    const [from, to] = [firstAt(0.1), firstAt(0.9)];
    const sustainedPerSecond = ((to[1] - from[1]) * 1000) / Math.max(1, to[0] - from[0]);
    // Which side was the bottleneck: a share of one core each, over the drain.
    const shipperCpu = processCpuSeconds(shipperPid) / drainSeconds;
    const clickhouseCpu = (processCpuSeconds(clickhouse.process.pid!) - clickhouseCpuBefore) / drainSeconds;
    const landedPerSecond = drained / drainSeconds;
    rss.stop();

    console.log('');
    console.log(
      `steady:  ${thousands(steadyRate)} events/s sent (${thousands(steady.requestsPerSecond)} req/s), ` +
        `lag p50 ${ms(lagP50 * 1000)}, p99 ${ms(lagP99 * 1000)}, shipper RSS max ${steadyRss.toFixed(0)} MB`,
    );
    console.log(
      `drain:   ${thousands(drained)} events (backlog of about ${thousands(lines)}) landed in ` +
        `${drainSeconds.toFixed(1)} s = ${thousands(landedPerSecond)} events/s from the shipper's start; ` +
        `sustained (10% → 90% landed) ${thousands(sustainedPerSecond)} events/s`,
    );
    console.log(
      `         CPU over the drain: shipper ${percent(shipperCpu)}, ClickHouse ${percent(clickhouseCpu)} of a core`,
    );
    console.log(`shipper RSS, max over the whole run: ${rss.maxMb.toFixed(0)} MB`);
    console.log('');
    check(
      steady.non2xx === 0 && steady.socketErrors === 0 && backlog.non2xx === 0 && backlog.socketErrors === 0,
      `every beacon answered 2xx (non-2xx ${steady.non2xx + backlog.non2xx}, socket errors ${steady.socketErrors + backlog.socketErrors})`,
    );
    console.log(
      `target landed ≥ ${thousands(TARGETS.landedPerSecond)} events/s sustained: ${sustainedPerSecond >= TARGETS.landedPerSecond ? 'met' : 'NOT met'}`,
    );
    console.log(
      `target lag p99 < ${TARGETS.lagP99Seconds} s at ${thousands(settings.steadyRate)} events/s: ${lagP99 < TARGETS.lagP99Seconds ? 'met' : 'NOT met'}`,
    );
    console.log(
      `target shipper RSS ≤ ${TARGETS.shipperRssMb} MB: ${rss.maxMb <= TARGETS.shipperRssMb ? 'met' : 'NOT met'}`,
    );
  } catch (error) {
    // What the shipper said last is usually why events did not land.
    const log = join(dir, 'shipper.log');
    if (existsSync(log))
      console.error(
        `shipper log, last lines:\n${readFileSync(log, 'utf8').split('\n').slice(-12).join('\n')}`,
      );
    throw error;
  } finally {
    await shipper?.stop();
    await edge?.stop();
    await client?.close();
    await clickhouse?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return failures === 0 ? 0 : 1;
}

runBenchmark(main);
