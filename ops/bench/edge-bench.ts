/**
 * `npm run bench:edge`: the edge's collect path, with 1 and with 10 events a request, against a bare
 * `return 204` location in the same nginx. One nginx worker pinned to core 0, wrk pinned to core 1,
 * loopback only; interleaved rounds, medians and same-round ratios, then a profiled run of each
 * collect scenario for the share of samples in LuaJIT's interpreter (`--trace` adds the trace log of
 * the warm-up: what the JIT compiled and what it aborted, and why). Also checks that every response was
 * 2xx and that the NDJSON file holds exactly the events the edge accepted. docs/benchmarks.md says how
 * to read the result.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { RunningEdge } from '@sluice/edge';
import { startLoopbackEdge } from '@sluice/edge';
import { profiled, startTrace, stateShares, stopTrace, summarizeTrace, type Profile } from './jit-probe';
import { BENCH_SITE, beacons } from './traffic';
import {
  machineInfo,
  median,
  ms,
  percent,
  positiveInt,
  processCpuSeconds,
  runBenchmark,
  thousands,
} from './report';
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
/**
 * Targets from issue 19, each a ratio to bare `return 204` requests/s in the same round: requests/s
 * of collect with 1 event, and events/s of collect with 10-event batches.
 */
const TARGET_COLLECT_SHARE = 0.3;
const TARGET_BATCH_EVENTS_SHARE = 1.0;
/** Aborts listed with --trace, most frequent first. */
const TRACE_ABORTS_SHOWN = 15;

interface Settings {
  seconds: number;
  rounds: number;
  connections: number;
  /** --trace: LuaJIT's trace log of the warm-up, summarised. */
  trace: boolean;
  /** BENCH_LUA_DIR: another tree of the edge's Lua to measure (an earlier commit's, for before/after). */
  luaDir?: string;
}

function settingsFrom(env: NodeJS.ProcessEnv, argv: string[]): Settings {
  const { values } = parseArgs({ args: argv, options: { trace: { type: 'boolean', default: false } } });
  return {
    seconds: positiveInt(env, 'BENCH_SECONDS', 10),
    rounds: positiveInt(env, 'BENCH_ROUNDS', 3),
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 50),
    trace: values.trace,
    luaDir: env.BENCH_LUA_DIR || undefined,
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
  /** The worker's CPU time per answered request: what other load on the machine changes least. */
  serverMicrosecondsPerRequest: number;
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
  const serverCpuSeconds = processCpuSeconds(workerPid) - cpuBefore;
  return {
    wrk,
    serverCpu: serverCpuSeconds / elapsed,
    serverMicrosecondsPerRequest: (serverCpuSeconds / Math.max(1, wrk.requests)) * 1e6,
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
    `p99 ${ms(w.p99Ms)}  nginx CPU ${percent(m.serverCpu)} (${m.serverMicrosecondsPerRequest.toFixed(1)} µs/request)  ` +
    `wrk core ${percent(m.clientCoreBusy)}  ` +
    `non-2xx ${w.non2xx}  socket errors ${w.socketErrors}`
  );
}

/** The profile of one scenario: its VM states' shares, and where the interpreter's samples were. */
function describeProfile(scenario: Scenario, profile: Profile): string[] {
  const shares = stateShares(profile.states);
  const lines = [
    `${scenario.name}: interpreter ${percent(shares.interpreter)} of ${thousands(shares.samples)} samples ` +
      `(compiled ${percent(shares.compiled)}, C functions ${percent(shares.c)}, GC ${percent(shares.gc)}, ` +
      `JIT compiler ${percent(shares.jitCompiler)}, nginx outside Lua ${percent(shares.nginx)})`,
  ];
  for (const { line, samples } of profile.interpretedLines.slice(0, 5))
    lines.push(`    interpreted: ${samples} at ${line}`);
  return lines;
}

function describeTrace(log: string): string[] {
  const summary = summarizeTrace(log);
  const lines = [
    `traces compiled ${summary.compiled} (${summary.stitched} stitched after a C function), ` +
      `aborted ${summary.aborted}`,
  ];
  for (const { reason, count } of summary.abortsByReason.slice(0, TRACE_ABORTS_SHOWN))
    lines.push(`  ${String(count).padStart(4)} × ${reason}`);
  return lines;
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.env, process.argv.slice(2));
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

    edge = await startLoopbackEdge(dir, [BENCH_SITE], {
      benchBareLocation: true,
      ...(settings.luaDir ? { luaDir: settings.luaDir } : {}),
    });
    if (settings.luaDir) console.log(`Lua: ${settings.luaDir}`);
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
    // Written by the probe (the config names this file for it).
    const traceFile = join(dir, 'nginx', 'jit-trace.log');
    if (settings.trace) await startTrace(edge.url, traceFile);
    for (const scenario of scenarios) await run(scenario, warmUp);
    const traceLog = settings.trace ? await stopTrace(edge.url, traceFile) : undefined;
    const results = new Map<Scenario, Measurement[]>(scenarios.map((s) => [s, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      console.log(`\nround ${round}/${settings.rounds}`);
      for (const scenario of scenarios) {
        const m = await run(scenario, settings.seconds);
        results.get(scenario)!.push(m);
        console.log(`  ${describe(scenario, m)}`);
      }
    }

    // After the measured rounds, so the profiler's signals cost them nothing.
    const profiles = new Map<Scenario, Profile>();
    console.log(`\nprofiled (LuaJIT's sampling profiler, ${settings.seconds} s each)`);
    for (const scenario of [single, batch]) {
      const profile = await profiled(edge.url, async () => {
        const m = await run(scenario, settings.seconds);
        console.log(`  ${describe(scenario, m)}`);
      });
      profiles.set(scenario, profile);
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
    const batchEventsShare = median(rounds.map((r) => (rps(batch, r) * batch.batchSize) / rps(bare, r)));
    // The same ratios from the worker's CPU time per request: equal to the ones above while the worker
    // is the bottleneck, and still meaningful when other load on the machine slows wrk or bare's rounds.
    const cpu = (scenario: Scenario, round: number) => perRound(scenario)[round].serverMicrosecondsPerRequest;
    const collectCpuShare = median(rounds.map((r) => cpu(bare, r) / cpu(single, r)));
    const batchEventsCpuShare = median(rounds.map((r) => (cpu(bare, r) * batch.batchSize) / cpu(batch, r)));
    const floorShare = median(rounds.map((r) => rps(floorSingle, r) / rps(bare, r)));
    const floorBatchShare = median(rounds.map((r) => (rps(floorBatch, r) * batch.batchSize) / rps(bare, r)));

    console.log(`\nmedians of ${settings.rounds} interleaved rounds of ${settings.seconds} s\n`);
    console.log(
      '| scenario | requests/s | events/s | p50 | p99 | nginx worker CPU | worker µs/request | wrk core busy |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const scenario of scenarios) {
      const measurements = perRound(scenario);
      const medianOf = (pick: (m: Measurement) => number) => median(measurements.map(pick));
      const requestsPerSecond = medianOf((m) => m.wrk.requestsPerSecond);
      const events = scenario.writesEvents ? thousands(requestsPerSecond * scenario.batchSize) : '—';
      console.log(
        `| ${scenario.name} | ${thousands(requestsPerSecond)} | ${events} | ${ms(medianOf((m) => m.wrk.p50Ms))} | ` +
          `${ms(medianOf((m) => m.wrk.p99Ms))} | ${percent(medianOf((m) => m.serverCpu))} | ` +
          `${medianOf((m) => m.serverMicrosecondsPerRequest).toFixed(1)} | ` +
          `${percent(medianOf((m) => m.clientCoreBusy))} |`,
      );
    }
    const verdict = (ok: boolean) => (ok ? 'meets the target' : 'BELOW the target');
    const interpreter = (scenario: Scenario) =>
      percent(stateShares(profiles.get(scenario)!.states).interpreter);
    console.log(
      `\ncollect (1 event) / bare, requests/s: ${collectShare.toFixed(2)} ` +
        `(target ≥ ${TARGET_COLLECT_SHARE.toFixed(2)}: ${verdict(collectShare >= TARGET_COLLECT_SHARE)}); ` +
        `interpreter ${interpreter(single)} of the worker's samples`,
    );
    console.log(
      `collect (10-event batches) events/s / bare requests/s: ${batchEventsShare.toFixed(2)}× ` +
        `(target ≥ ${TARGET_BATCH_EVENTS_SHARE.toFixed(1)}×: ${verdict(batchEventsShare >= TARGET_BATCH_EVENTS_SHARE)}); ` +
        `interpreter ${interpreter(batch)} of the worker's samples`,
    );
    console.log(
      `by the worker's CPU time per request: collect (1 event) ${collectCpuShare.toFixed(2)} of bare, ` +
        `10-event batches ${batchEventsCpuShare.toFixed(2)}× bare's requests in events`,
    );
    console.log(
      `for reference, the Lua floor: ${floorShare.toFixed(2)} of bare, and ${floorBatchShare.toFixed(2)}× bare's ` +
        'requests/s in events with 10-event bodies: no collector that reads and writes in Lua does better on this machine',
    );
    console.log("\nwhere the worker's samples were (profiled runs)");
    for (const scenario of [single, batch])
      for (const line of describeProfile(scenario, profiles.get(scenario)!)) console.log(`  ${line}`);
    if (traceLog !== undefined) {
      console.log('\nLuaJIT traces during the warm-up (--trace)');
      for (const line of describeTrace(traceLog)) console.log(`  ${line}`);
    }

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

runBenchmark(main);
