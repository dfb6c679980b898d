/**
 * Times one report through the HTTP API: cold (after ClickHouse's caches are dropped), warm alone,
 * and warm with concurrent clients, asking the same report and each its own; and reads what its queries
 * read from ClickHouse's query log.
 */
import type { SeededClickHouse } from './seeder';

export interface Timings {
  coldMs: number[];
  aloneMs: number[];
  /** Concurrent clients asking the same request: the backend runs identical queries in flight once. */
  concurrentMs: number[];
  /** Concurrent clients each asking a request of its own: what the server does with as many queries. */
  apartMs: number[];
  /** Rows each ClickHouse query of one request read, in the order they finished. */
  rowsRead: number[];
  /** Answers other than 2xx, each with its status and the start of its body; their times are left out. */
  failures: string[];
}

export interface TimerOptions {
  /** A fresh access token for each report (they live 15 minutes). */
  token: () => Promise<string>;
  clickhouse: SeededClickHouse;
  coldRuns: number;
  runs: number;
  clients: number;
}

/** The report's URL as client `client` asks it: client 0's is the report's own, every other's its own. */
export type ClientUrl = (client: number) => string;

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

const WARM_UP_RUNS = 3;

/** One GET, answered and read to the end: its time, or why it failed. */
async function timedGet(url: string, token: string): Promise<number | string> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  return response.ok ? elapsed : `${response.status} after ${elapsed.toFixed(0)} ms: ${body.slice(0, 200)}`;
}

/**
 * What the report's queries read: ClickHouse logs each query of the reader account (the benchmark's
 * server has `log_queries` on), so the reader's queries that started and finished during `request` (ids
 * not logged before it) are this request's — nothing else queries as the reader meanwhile. Started
 * during it: queries of the concurrent phase that ClickHouse finishes after their request gave up on
 * them (503 `busy`) end in the same window, and were once counted as the report's (paths "× 8").
 */
async function rowsReadBy(clickhouse: SeededClickHouse, request: () => Promise<unknown>): Promise<number[]> {
  const readerQueries = async () => {
    await clickhouse.command('SYSTEM FLUSH LOGS');
    return clickhouse.query<{ query_id: string; read_rows: string; started: string }>(
      `SELECT query_id, read_rows, toUInt32(query_start_time) AS started FROM system.query_log
       WHERE type = 2 AND user = '${clickhouse.credentials.reader.username}' AND event_time >= now() - 3600
       ORDER BY event_time, query_start_time`,
    );
  };
  const before = new Set((await readerQueries()).map((row) => row.query_id));
  const [{ now }] = await clickhouse.query<{ now: string }>('SELECT toUInt32(now()) AS now');
  await request();
  return (await readerQueries())
    .filter((row) => !before.has(row.query_id) && Number(row.started) >= Number(now))
    .map((row) => Number(row.read_rows));
}

export async function timeReport(urlOf: ClientUrl, options: TimerOptions): Promise<Timings> {
  const { clickhouse, token } = options;
  const bearer = await token();
  const failures: string[] = [];
  // A failed answer is counted, not timed: a report that fails under load misses its target anyway.
  const time = async (into: number[], client = 0) => {
    const result = await timedGet(urlOf(client), bearer);
    if (typeof result === 'number') into.push(result);
    else failures.push(result);
  };
  const coldMs: number[] = [];
  for (let run = 0; run < options.coldRuns; run++) {
    // The server's own caches; the kernel's page cache stays warm (dropping it would slow every
    // process on the machine, and it is warm on any server that answers reports all day).
    await clickhouse.command('SYSTEM DROP MARK CACHE');
    await clickhouse.command('SYSTEM DROP UNCOMPRESSED CACHE');
    await time(coldMs);
  }
  for (let run = 0; run < WARM_UP_RUNS; run++) await time([]);
  const aloneMs: number[] = [];
  for (let run = 0; run < options.runs; run++) await time(aloneMs);
  // Every client's requests back to back, all clients at once; `urlClient` picks whose URL each asks.
  const clientsAtOnce = async (runs: number, urlClient: (client: number) => number) => {
    const ms: number[] = [];
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        for (let run = 0; run < runs; run++) await time(ms, urlClient(client));
      }),
    );
    return ms;
  };
  const concurrentMs = await clientsAtOnce(options.runs, () => 0);
  // A quarter of the runs: each wave is as many distinct queries as clients, which two cores answer slowly.
  const apartMs = await clientsAtOnce(Math.ceil(options.runs / 4), (client) => client);
  const rowsRead = await rowsReadBy(clickhouse, () => time([]));
  return { coldMs, aloneMs, concurrentMs, apartMs, rowsRead, failures };
}
