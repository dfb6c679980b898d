/**
 * `npm run bench:reports`: the reports' speed on 10 million realistic events (issue 17).
 *
 * 1. A ClickHouse 18.16 of its own in `--dir` (data/bench-reports by default) holding the seed plan's
 *    events (reports/event-generator.ts), seeded once and reused while the plan, the generator and the
 *    contract stay the same.
 * 2. The backend as `npm start` runs it (its own process, pinned to core 0, a fresh metadata store):
 *    the benchmark sites are created through the API, and the owner signs in.
 * 3. Each report of reports/report-requests.ts is timed through the HTTP API: cold (ClickHouse's
 *    caches dropped), warm p50/p95 alone, and p50/p95 with 8 concurrent clients, asking the same report
 *    (identical queries in flight run once) and each its own (its range starts a day earlier than the
 *    previous client's: the days before the seed's are empty); with the rows each of its ClickHouse
 *    queries read. A table with the targets follows, and rows to paste into
 *    docs/benchmarks.md. It exits non-zero when a target is missed.
 *
 * Options: --events 10000000 --sites 5 --seed 1 --runs 40 --cold-runs 5 --clients 8 --dir PATH
 * --only REGEX (time only the reports whose name it matches, case-insensitive: `--only 'vitals|paths'`)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../src/repo-root';
import { machineInfo, runBenchmark, thousands } from './report';
import { apiCall, signInAs } from './backend-process';
import { addDays, OPEN_DAYS, startBenchBackend, type BenchBackend } from './reports/bench-backend';
import { positive, SEED_OPTIONS, seedFrom } from './reports/bench-options';
import { rowsPerSite, type SeedPlan } from '@sluice/traffic';
import {
  CONCURRENT_CLIENTS,
  CONCURRENT_TARGET_MS,
  REPORT_REQUESTS,
  type ReportContext,
} from './reports/report-requests';
import { percentile, timeReport, type Timings } from './reports/report-timer';
import { seededClickHouse } from './reports/seeder';

const OWNER = { email: 'bench@sluice.local', password: randomBytes(18).toString('base64url') };

function optionsFrom(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SEED_OPTIONS,
      runs: { type: 'string' },
      'cold-runs': { type: 'string' },
      clients: { type: 'string' },
      only: { type: 'string' },
      'open-days': { type: 'string' },
    },
  });
  return {
    ...seedFrom(values),
    runs: positive('runs', values.runs, 40),
    coldRuns: positive('cold-runs', values['cold-runs'], 5),
    clients: positive('clients', values.clients, CONCURRENT_CLIENTS),
    only: new RegExp(values.only ?? '', 'i'),
    openDays: positive('open-days', values['open-days'], OPEN_DAYS),
  };
}

const signIn = (baseUrl: string) => signInAs(baseUrl, OWNER);

const fixed = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');

interface Result {
  name: string;
  targetMs: number;
  timings: Timings;
}

function summary({ timings, targetMs }: Result) {
  const alone95 = percentile(timings.aloneMs, 0.95);
  const concurrent95 = percentile(timings.concurrentMs, 0.95);
  const apart95 = percentile(timings.apartMs, 0.95);
  const answered = timings.failures.length === 0;
  return {
    cold: percentile(timings.coldMs, 0.5),
    alone50: percentile(timings.aloneMs, 0.5),
    alone95,
    concurrent50: percentile(timings.concurrentMs, 0.5),
    concurrent95,
    apart50: percentile(timings.apartMs, 0.5),
    apart95,
    rowsRead: timings.rowsRead.map(thousands).join(' + ') || '?',
    failed: timings.failures.length,
    aloneOk: alone95 <= targetMs && answered,
    concurrentOk: concurrent95 <= CONCURRENT_TARGET_MS && answered,
    apartOk: apart95 <= CONCURRENT_TARGET_MS && answered,
  };
}

function printResults(results: Result[], plan: SeedPlan, clients: number, siteEvents: number): boolean {
  const header = [
    'report',
    'cold p50',
    'warm p50',
    'warm p95 (target)',
    `${clients} clients p50`,
    `p95 (≤ ${CONCURRENT_TARGET_MS})`,
    `${clients} apart p50`,
    `p95 (≤ ${CONCURRENT_TARGET_MS})`,
    'rows read',
    'failed',
  ];
  const summaries = results.map((result) => ({ result, s: summary(result) }));
  const rows = summaries.map(({ result, s }) => [
    result.name,
    `${fixed(s.cold)} ms`,
    `${fixed(s.alone50)} ms`,
    `${fixed(s.alone95)} ms (≤ ${result.targetMs}) ${verdict(s.aloneOk)}`,
    `${fixed(s.concurrent50)} ms`,
    `${fixed(s.concurrent95)} ms ${verdict(s.concurrentOk)}`,
    `${fixed(s.apart50)} ms`,
    `${fixed(s.apart95)} ms ${verdict(s.apartOk)}`,
    s.rowsRead,
    String(s.failed),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(
    `\nResults: site 1 (${thousands(siteEvents)} of ${thousands(plan.events)} events), ms per request`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));

  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  }).trim();
  const day = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log('\nFor docs/benchmarks.md:');
  for (const { result, s } of summaries) {
    console.log(
      `| ${day} | ${commit} | ${thousands(plan.events)} | ${result.name} | ${fixed(s.cold)} | ${fixed(s.alone50)} / ${fixed(s.alone95)} (≤ ${result.targetMs}: ${s.aloneOk ? 'met' : 'missed'}) | ${fixed(s.concurrent50)} / ${fixed(s.concurrent95)} (≤ ${CONCURRENT_TARGET_MS}: ${s.concurrentOk ? 'met' : 'missed'}); apart ${fixed(s.apart50)} / ${fixed(s.apart95)} (${s.apartOk ? 'met' : 'missed'}) | ${s.rowsRead} | ${s.failed} |`,
    );
  }
  for (const { name, timings } of results)
    for (const failure of timings.failures.slice(0, 3)) console.log(`${name} failed: ${failure}`);
  const met = (ok: (s: ReturnType<typeof summary>) => boolean) => summaries.filter(({ s }) => ok(s)).length;
  console.log(
    `\nMet: alone ${met((s) => s.aloneOk)}, ${clients} clients ${met((s) => s.concurrentOk)}, ` +
      `${clients} apart ${met((s) => s.apartOk)}, of ${results.length} reports`,
  );
  return met((s) => s.aloneOk && s.concurrentOk && s.apartOk) === results.length;
}

/** The id of site 1's error group with the most occurrences in the period, as the errors report lists it first. */
async function topErrorGroup(baseUrl: string, period: { from: string; to: string }): Promise<string> {
  const { groups } = await apiCall<{ groups: Array<{ group: string }> }>(
    baseUrl,
    `/api/sites/1/errors?from=${period.from}&to=${period.to}&limit=1`,
    { token: await signIn(baseUrl) },
  );
  if (!groups[0]) throw new Error('the seeded site has no error group to time');
  return groups[0].group;
}

/**
 * Whose profile is timed: a signed-in user among the newest events (theirs span visits and devices), else
 * the newest event's visitor.
 */
async function aProfileOwner(
  baseUrl: string,
  period: { from: string; to: string },
): Promise<ReportContext['profileOwner']> {
  const { events } = await apiCall<{ events: Array<{ user_id: string; visitor_id: string }> }>(
    baseUrl,
    `/api/sites/1/events?from=${period.from}&to=${period.to}&limit=1000`,
    { token: await signIn(baseUrl) },
  );
  const user = events.find((event) => event.user_id !== '');
  if (user) return { kind: 'user', value: user.user_id };
  if (!events[0]) throw new Error('the seeded site has no event whose profile to time');
  return { kind: 'visitor', value: events[0].visitor_id };
}

async function main(): Promise<boolean> {
  const options = optionsFrom(process.argv.slice(2));
  const { plan } = options;
  console.log('Sluice reports benchmark');
  for (const line of machineInfo()) console.log(`  ${line}`);
  console.log(
    `  plan: ${JSON.stringify(plan)}; runs ${options.runs}, cold runs ${options.coldRuns}, clients ${options.clients}, open days ${options.openDays}\n`,
  );
  const clickhouse = await seededClickHouse(join(options.dir, 'clickhouse'), plan);
  let backend: BenchBackend | undefined;
  try {
    backend = await startBenchBackend(clickhouse, plan, OWNER, { openDays: options.openDays });
    const { baseUrl } = backend;
    const [from, to] = [addDays(plan.endDay, 1 - plan.days), plan.endDay];
    const context: ReportContext = {
      siteId: 1,
      goals: backend.goals,
      errorGroup: await topErrorGroup(baseUrl, { from, to }),
      profileOwner: await aProfileOwner(baseUrl, { from, to }),
      from,
      to,
      lastDays: (days) => ({ from: addDays(plan.endDay, 1 - days), to: plan.endDay }),
    };
    // Client n's range starts n days earlier: its own queries, over the same events.
    const clientContext = (client: number): ReportContext => ({
      ...context,
      from: addDays(from, -client),
      lastDays: (days) => ({ from: addDays(plan.endDay, 1 - days - client), to: plan.endDay }),
    });
    // The figures are only as quiet as the machine: say how busy it was.
    console.log(
      `Load average before timing: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')}`,
    );
    const results: Result[] = [];
    for (const report of REPORT_REQUESTS.filter(({ name }) => options.only.test(name))) {
      console.log(`Timing ${report.name}…`);
      const timings = await timeReport((client) => `${baseUrl}${report.path(clientContext(client))}`, {
        token: () => signIn(baseUrl),
        clickhouse,
        coldRuns: options.coldRuns,
        runs: options.runs,
        clients: options.clients,
      });
      results.push({ name: report.name, targetMs: report.aloneTargetMs, timings });
    }
    console.log(
      `Load average after timing: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')}`,
    );
    return printResults(results, plan, options.clients, rowsPerSite(plan)[0]);
  } finally {
    await backend?.stop();
    await clickhouse.server.stop();
  }
}

runBenchmark(main);
