/**
 * `npm run bench:edge`: the edge's collect path against a bare `return 204` location in the same
 * nginx, and 10-event batches against single events. One nginx worker pinned to core 0, wrk pinned
 * to core 1, loopback only; interleaved rounds, medians and same-round ratios. Also checks that
 * every response was 2xx and that the NDJSON file holds exactly the events the edge accepted.
 * docs/benchmarks.md says how to read the result.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEdge } from '@sluice/edge';
import { startLoopbackEdge } from '@sluice/edge';
import { BENCH_SITE, beacons } from './traffic';
import { machineInfo, median, ms, percent, positiveInt, processCpuSeconds, thousands } from './report';
import { runWrk, writeBeacons, writeWrkScript, type WrkResult } from './wrk';

const SERVER_CORE = 0;
const CLIENT_CORE = 1;
/**
 * Distinct beacons (each from its own address) per batch size, cycled by wrk: neighbouring requests
 * never repeat, and at 150,000 requests/s each address sends 15 a second, well under the edge's
 * default per-address rate limit, which stays on as in production.
 */
const BEACONS_PER_FILE = 10_000;
const WARM_UP_SECONDS = 3;
/** Targets from the issue: the collect path keeps this share of bare nginx, batches pay this much. */
const TARGET_COLLECT_SHARE = 0.6;
const TARGET_BATCH_GAIN = 5;

interface Settings {
  seconds: number;
  rounds: number;
  connections: number;
}

function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  return {
    seconds: positiveInt(env, 'BENCH_SECONDS', 10),
    rounds: positiveInt(env, 'BENCH_ROUNDS', 3),
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 50),
  };
}

interface Scenario {
  name: string;
  path: string;
  /** Events per request. */
  batchSize: number;
  /** Whether the location writes NDJSON (the bare one only answers). */
  writesEvents: boolean;
  beaconsFile: string;
}

interface Measurement {
  wrk: WrkResult;
  /** CPU the nginx worker used, as a share of one core over the run. */
  serverCpu: number;
  /** How busy wrk's core was. */
  clientCoreBusy: number;
}

function taskset(core: number, pid: number): void {
  // -a: every thread of the process.
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'pipe' });
}

function allowedCores(pid: number): string {
  return readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Cpus_allowed_list:\s*(.+)$/m)?.[1] ?? '?';
}

/** Pins the master and its workers to `core`; returns the worker's pid. */
function pinEdge(masterPid: number, core: number): number {
  const workers = spawnSync('pgrep', ['-P', String(masterPid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  if (workers.length !== 1)
    throw new Error(`expected one nginx worker under ${masterPid}, found ${workers.length}`);
  for (const pid of [masterPid, ...workers]) taskset(core, pid);
  return workers[0];
}

/** [busy, total] jiffies of one core; idle and iowait are not busy. */
function coreTicks(core: number): [number, number] {
  const line = readFileSync('/proc/stat', 'utf8').match(new RegExp(`^cpu${core} (.+)$`, 'm'));
  if (!line) throw new Error(`/proc/stat has no cpu${core}`);
  const ticks = line[1].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return [total - ticks[3] - ticks[4], total];
}

async function measure(
  scenario: Scenario,
  url: string,
  scriptFile: string,
  settings: Settings,
  seconds: number,
  workerPid: number,
): Promise<Measurement> {
  const cpuBefore = processCpuSeconds(workerPid);
  const [busyBefore, totalBefore] = coreTicks(CLIENT_CORE);
  const started = process.hrtime.bigint();
  const wrk = await runWrk({
    url: `${url}${scenario.path}`,
    beaconsFile: scenario.beaconsFile,
    scriptFile,
    seconds,
    connections: settings.connections,
    core: CLIENT_CORE,
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const [busyAfter, totalAfter] = coreTicks(CLIENT_CORE);
  return {
    wrk,
    serverCpu: (processCpuSeconds(workerPid) - cpuBefore) / elapsed,
    clientCoreBusy: (busyAfter - busyBefore) / Math.max(1, totalAfter - totalBefore),
  };
}

async function countLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

function describe(scenario: Scenario, m: Measurement): string {
  const w = m.wrk;
  return (
    `${scenario.name.padEnd(20)} ${thousands(w.requestsPerSecond).padStart(9)} req/s  p50 ${ms(w.p50Ms)}  ` +
    `p99 ${ms(w.p99Ms)}  nginx CPU ${percent(m.serverCpu)}  wrk core ${percent(m.clientCoreBusy)}  ` +
    `non-2xx ${w.non2xx}  socket errors ${w.socketErrors}`
  );
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.env);
  console.log(machineInfo().join('\n'));
  console.log(
    `settings: ${settings.rounds} rounds × ${settings.seconds} s per scenario, wrk -t1 -c${settings.connections}, ` +
      `1 nginx worker on core ${SERVER_CORE}, wrk on core ${CLIENT_CORE}`,
  );
  if (settings.rounds < 3) console.log('note: fewer than 3 rounds; do not quote these medians.');

  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  // nginx workers run as an unprivileged user and must reach the sites file.
  chmodSync(dir, 0o755);
  const eventsLog = join(dir, 'events', 'events.ndjson');
  let edge: RunningEdge | undefined;
  try {
    const scriptFile = join(dir, 'beacons.lua');
    writeWrkScript(scriptFile);
    const files = { single: join(dir, 'beacons-1.tsv'), batch: join(dir, 'beacons-10.tsv') };
    writeBeacons(files.single, beacons(BEACONS_PER_FILE, 1));
    writeBeacons(files.batch, beacons(BEACONS_PER_FILE, 10));
    const bare: Scenario = {
      name: 'bare return 204',
      path: '/telemetry/bare',
      batchSize: 1,
      writesEvents: false,
      beaconsFile: files.single,
    };
    // The least a Lua collector does: read the body and write it as one line, no parsing or enrichment.
    const floorSingle: Scenario = {
      name: 'Lua floor, 1 event',
      path: '/telemetry/floor',
      batchSize: 1,
      writesEvents: false,
      beaconsFile: files.single,
    };
    const floorBatch: Scenario = { ...floorSingle, name: 'Lua floor, 10 events', beaconsFile: files.batch };
    const single: Scenario = {
      name: 'collect, 1 event',
      path: '/telemetry/e',
      batchSize: 1,
      writesEvents: true,
      beaconsFile: files.single,
    };
    const batch: Scenario = {
      name: 'collect, 10 events',
      path: '/telemetry/e',
      batchSize: 10,
      writesEvents: true,
      beaconsFile: files.batch,
    };
    const scenarios = [bare, floorSingle, single, floorBatch, batch];

    edge = await startLoopbackEdge(dir, [BENCH_SITE], { benchBareLocation: true });
    const masterPid = edge.process.pid;
    if (masterPid === undefined) throw new Error('nginx has no pid');
    const workerPid = pinEdge(masterPid, SERVER_CORE);
    // This process only waits for wrk: keep it off the server's core too.
    taskset(CLIENT_CORE, process.pid);
    console.log(
      `pinned: nginx master ${masterPid} → cores ${allowedCores(masterPid)}, worker ${workerPid} → cores ` +
        `${allowedCores(workerPid)}, wrk → core ${CLIENT_CORE}`,
    );

    let accepted = 0;
    let sentEvents = 0;
    let non2xx = 0;
    let socketErrors = 0;
    const run = async (scenario: Scenario, seconds: number): Promise<Measurement> => {
      const m = await measure(scenario, edge!.url, scriptFile, settings, seconds, workerPid);
      if (scenario.writesEvents) {
        accepted += (m.wrk.requests - m.wrk.non2xx) * scenario.batchSize;
        sentEvents += m.wrk.sent * scenario.batchSize;
      }
      non2xx += m.wrk.non2xx;
      socketErrors += m.wrk.socketErrors;
      return m;
    };

    const warmUp = Math.min(WARM_UP_SECONDS, settings.seconds);
    console.log(`\nwarm-up (${warmUp} s each, not reported)`);
    for (const scenario of scenarios) await run(scenario, warmUp);
    const results = new Map<Scenario, Measurement[]>(scenarios.map((s) => [s, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      console.log(`\nround ${round}/${settings.rounds}`);
      for (const scenario of scenarios) {
        const m = await run(scenario, settings.seconds);
        results.get(scenario)!.push(m);
        console.log(`  ${describe(scenario, m)}`);
      }
    }

    // SIGQUIT: nginx finishes its requests and flushes the buffered NDJSON before it exits.
    await edge.stop();
    edge = undefined;
    const lines = await countLines(eventsLog);
    const errorLines = readFileSync(join(dir, 'nginx', 'edge-error.log'), 'utf8')
      .split('\n')
      .filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));

    const perRound = (scenario: Scenario) => results.get(scenario)!;
    const rps = (scenario: Scenario, round: number) => perRound(scenario)[round].wrk.requestsPerSecond;
    const rounds = [...Array(settings.rounds).keys()];
    const collectShare = median(rounds.map((r) => rps(single, r) / rps(bare, r)));
    const batchGain = median(rounds.map((r) => (rps(batch, r) * batch.batchSize) / rps(single, r)));
    const floorShare = median(rounds.map((r) => rps(floorSingle, r) / rps(bare, r)));
    const floorGain = median(rounds.map((r) => (rps(floorBatch, r) * batch.batchSize) / rps(floorSingle, r)));

    console.log(`\nmedians of ${settings.rounds} interleaved rounds of ${settings.seconds} s\n`);
    console.log('| scenario | requests/s | events/s | p50 | p99 | nginx worker CPU | wrk core busy |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const scenario of scenarios) {
      const measurements = perRound(scenario);
      const medianOf = (pick: (m: Measurement) => number) => median(measurements.map(pick));
      const requestsPerSecond = medianOf((m) => m.wrk.requestsPerSecond);
      const events = scenario.writesEvents ? thousands(requestsPerSecond * scenario.batchSize) : '—';
      console.log(
        `| ${scenario.name} | ${thousands(requestsPerSecond)} | ${events} | ${ms(medianOf((m) => m.wrk.p50Ms))} | ` +
          `${ms(medianOf((m) => m.wrk.p99Ms))} | ${percent(medianOf((m) => m.serverCpu))} | ` +
          `${percent(medianOf((m) => m.clientCoreBusy))} |`,
      );
    }
    const verdict = (ok: boolean) => (ok ? 'meets the target' : 'BELOW the target');
    console.log(
      `\ncollect (1 event) / bare, requests/s: ${collectShare.toFixed(2)} ` +
        `(target ≥ ${TARGET_COLLECT_SHARE.toFixed(2)} with full enrichment: ${verdict(collectShare >= TARGET_COLLECT_SHARE)})`,
    );
    console.log(
      `events/s, 10-event batches / single events: ${batchGain.toFixed(2)}× ` +
        `(target ≥ ${TARGET_BATCH_GAIN}×: ${verdict(batchGain >= TARGET_BATCH_GAIN)})`,
    );

    console.log(
      `for reference, the Lua floor: ${floorShare.toFixed(2)} of bare, and ${floorGain.toFixed(2)}× the events/s ` +
        'with 10-event bodies: no collector that reads and writes in Lua does better on this machine',
    );

    // wrk does not count requests still in flight when it stops; nginx may still have answered and
    // logged them, so the lines lie between the events wrk saw accepted and those it sent.
    const inFlight = lines - accepted;
    const linesOk = lines >= accepted && lines <= sentEvents;
    const checks: Array<[boolean, string]> = [
      [non2xx === 0, `non-2xx responses: ${non2xx}`],
      [socketErrors === 0, `socket errors: ${socketErrors}`],
      [
        linesOk,
        `NDJSON lines ${thousands(lines)} vs events accepted ${thousands(accepted)} ` +
          (inFlight === 0
            ? '(equal)'
            : `(+${thousands(inFlight)} from requests in flight when wrk stopped; ${thousands(sentEvents)} events sent)`),
      ],
      [errorLines.length === 0, `error log lines: ${errorLines.length}`],
    ];
    console.log('');
    for (const [ok, text] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    for (const line of errorLines.slice(0, 5)) console.log(`     ${line}`);
    return checks.every(([ok]) => ok) ? 0 : 1;
  } finally {
    await edge?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
