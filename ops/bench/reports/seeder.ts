/**
 * A ClickHouse 18.16 of the benchmark's own, in a folder that outlives the run, holding the seed plan's
 * events: seeded straight over ClickHouse's HTTP interface as RowBinary (the materialized views fill the
 * rollups as the rows arrive), or reused as it is when a marker table says it holds exactly this plan's
 * rows, so that running the benchmark again starts timing within seconds.
 */
import { EVENT_CONTRACT_VERSION } from '@sluice/config';
import { runMigrations } from '@sluice/pipeline';
import { sluiceAccounts } from '@sluice/pipeline/testing';
import { freePort, startClickHouse, waitUntil, type RunningClickHouse } from '@sluice/services';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { processCpuSeconds, thousands } from '../report';
import { eventBatches, type SeedPlan } from '@sluice/traffic';
import { ByteWriter, ROW_BINARY_INSERT, writeRows } from '@sluice/traffic';

const DATABASE = 'sluice';
/** Rows generated between turns of the event loop, so the inserts in flight keep streaming. */
const CHUNK_ROWS = 5_000;
/** Rows per INSERT: one block, about 30 MB, two parts (two months) per insert. */
const INSERT_ROWS = 250_000;
/** Inserts in flight while the next is generated. */
const IN_FLIGHT = 2;
const PROGRESS_EVERY_MS = 5_000;
const MARKER_TABLE = 'bench_seed';

export interface SeededClickHouse {
  server: RunningClickHouse;
  url: string;
  database: string;
  credentials: ReturnType<typeof sluiceAccounts>;
  /** Runs a query as the admin account; rows of JSONEachRow. */
  query<T>(sql: string): Promise<T[]>;
  /** Runs a statement that answers nothing (SYSTEM, CREATE) as the admin account. */
  command(sql: string): Promise<void>;
  /** Seconds the seeding took, or undefined when the rows were already there. */
  seededSeconds?: number;
}

/**
 * What the marker records: the plan, the contract version and a digest of the first rows the generator
 * makes of it — so a change of the generator or of the contract seeds again, not only a change of plan.
 */
function markerOf(plan: SeedPlan): string {
  const out = new ByteWriter();
  writeRows(out, eventBatches(plan, 2_000).next().value ?? []);
  const digest = createHash('sha256').update(out.take()).digest('hex').slice(0, 16);
  return JSON.stringify({ ...plan, contract: EVENT_CONTRACT_VERSION, digest });
}

/**
 * One statement over ClickHouse's HTTP interface as the admin account, on a connection of its own: an
 * insert takes seconds to generate, longer than the server keeps an idle connection open (10 s), and a
 * reused connection the server has just closed would fail the next insert.
 */
function clickhouseRequest(
  url: string,
  admin: { username: string; password: string },
  query: string,
  body?: Buffer,
  { inDatabase = true } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/?${inDatabase ? `database=${DATABASE}&` : ''}query=${encodeURIComponent(query)}`,
      {
        method: 'POST',
        agent: false,
        headers: { 'X-ClickHouse-User': admin.username, 'X-ClickHouse-Key': admin.password },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode === 200) resolve(text);
          else
            reject(new Error(`ClickHouse answered ${response.statusCode} to ${query.slice(0, 80)}: ${text}`));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function start(dir: string, credentials: ReturnType<typeof sluiceAccounts>): Promise<SeededClickHouse> {
  const server = await startClickHouse({
    dir,
    httpPort: await freePort(),
    tcpPort: await freePort(),
    database: DATABASE,
    credentials,
    queryLog: true,
  });
  // The marker is looked for before the migrations run, which would create the database.
  await clickhouseRequest(
    server.url,
    credentials.admin,
    `CREATE DATABASE IF NOT EXISTS ${DATABASE}`,
    undefined,
    {
      inDatabase: false,
    },
  );
  return {
    server,
    url: server.url,
    database: DATABASE,
    credentials,
    command: async (sql: string) => {
      await clickhouseRequest(server.url, credentials.admin, sql);
    },
    query: async <T>(sql: string) =>
      (await clickhouseRequest(server.url, credentials.admin, `${sql} FORMAT JSONEachRow`))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T),
  };
}

/** The schema's migrations, as the backend applies them at start (a backfill may take a while). */
const migrate = (clickhouse: SeededClickHouse) =>
  runMigrations({ url: clickhouse.url, database: DATABASE, ...clickhouse.credentials.admin });

async function storedMarker(clickhouse: SeededClickHouse): Promise<string | undefined> {
  const tables = await clickhouse.query<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = '${DATABASE}' AND name = '${MARKER_TABLE}'`,
  );
  if (tables.length === 0) return undefined;
  const rows = await clickhouse.query<{ marker: string }>(`SELECT marker FROM ${MARKER_TABLE}`);
  return rows[0]?.marker;
}

function cpuSeconds(clickhouse: SeededClickHouse) {
  const { user, system } = process.cpuUsage();
  return { generator: (user + system) / 1e6, clickhouse: processCpuSeconds(clickhouse.server.process.pid!) };
}

/** Prints a line now and then: rows stored, rate, and the time left at that rate. */
class Progress {
  private readonly started = performance.now();
  private last = this.started;
  private lastStored = -1;

  constructor(private readonly total: number) {}

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  report(stored: number, force = false): void {
    const now = performance.now();
    if (stored === this.lastStored || (!force && now - this.last < PROGRESS_EVERY_MS)) return;
    this.last = now;
    this.lastStored = stored;
    const rate = stored / this.seconds;
    const eta = rate > 0 ? (this.total - stored) / rate : Infinity;
    console.log(
      `  ${thousands(stored)} of ${thousands(this.total)} rows (${Math.floor((stored / this.total) * 100)}%), ` +
        `${thousands(rate)} rows/s, ${this.seconds.toFixed(0)} s, ETA ${Number.isFinite(eta) ? eta.toFixed(0) : '?'} s`,
    );
  }
}

/**
 * Generates the plan's rows and inserts them, INSERT_ROWS at a time with IN_FLIGHT inserts streaming
 * while the next is generated. Resolves when ClickHouse acknowledged the last.
 */
async function seed(clickhouse: SeededClickHouse, plan: SeedPlan): Promise<void> {
  const progress = new Progress(plan.events);
  const inFlight: Array<Promise<number>> = [];
  let stored = 0;
  const send = (rows: number, body: Buffer) =>
    clickhouseRequest(clickhouse.url, clickhouse.credentials.admin, ROW_BINARY_INSERT, body).then(() => rows);
  const settle = async () => {
    stored += await inFlight.shift()!;
    progress.report(stored);
  };
  const out = new ByteWriter(64 << 20);
  let pending = 0;
  for (const batch of eventBatches(plan, CHUNK_ROWS)) {
    writeRows(out, batch);
    pending += batch.length;
    if (pending >= INSERT_ROWS) {
      if (inFlight.length >= IN_FLIGHT) await settle();
      inFlight.push(send(pending, out.take()));
      // Awaited in turn by settle(); until then a failure must not count as unhandled.
      inFlight.at(-1)!.catch(() => undefined);
      pending = 0;
    }
    await yieldToIo();
  }
  if (pending > 0) inFlight.push(send(pending, out.take()));
  inFlight.at(-1)?.catch(() => undefined);
  while (inFlight.length) await settle();
  progress.report(stored, true);
}

/**
 * The benchmark's ClickHouse in `dir`, holding exactly `plan`'s rows: reused when its marker matches,
 * else emptied and seeded again.
 */
export async function seededClickHouse(dir: string, plan: SeedPlan): Promise<SeededClickHouse> {
  const credentials = sluiceAccounts();
  const wanted = markerOf(plan);
  let clickhouse = await start(dir, credentials);
  try {
    // Read before migrating: a new migration's backfill over another plan's rows would be wasted.
    if ((await storedMarker(clickhouse)) === wanted) {
      await migrate(clickhouse);
      console.log(`Reusing the seeded ClickHouse in ${dir}: the rows of this plan.`);
      return clickhouse;
    }
    console.log(`Seeding ${thousands(plan.events)} events of ${plan.sites} sites into ${dir}…`);
    const tables = await clickhouse.query(`SELECT name FROM system.tables WHERE database = '${DATABASE}'`);
    if (tables.length > 0) {
      // Another plan's rows: start over from an empty server rather than deleting them row by row.
      await clickhouse.server.stop();
      rmSync(dir, { recursive: true, force: true });
      clickhouse = await start(dir, credentials);
    }
    await migrate(clickhouse);
  } catch (error) {
    await clickhouse.server.stop();
    throw error;
  }
  try {
    const started = performance.now();
    const cpu = cpuSeconds(clickhouse);
    await seed(clickhouse, plan);
    await waitUntil(
      'background merges to finish',
      async () => {
        const [{ merges }] = await clickhouse.query<{ merges: string }>(
          'SELECT count() AS merges FROM system.merges',
        );
        return Number(merges) === 0;
      },
      { timeoutMs: 600_000 },
    );
    clickhouse.seededSeconds = (performance.now() - started) / 1000;
    const used = cpuSeconds(clickhouse);
    await clickhouseRequest(
      clickhouse.url,
      credentials.admin,
      `CREATE TABLE ${MARKER_TABLE} (marker String) ENGINE = TinyLog`,
    );
    await clickhouseRequest(
      clickhouse.url,
      credentials.admin,
      `INSERT INTO ${MARKER_TABLE} FORMAT JSONEachRow`,
      Buffer.from(JSON.stringify({ marker: wanted })),
    );
    // CPU time says what the seeding costs where wall time depends on what else the machine runs.
    console.log(
      `Seeded in ${clickhouse.seededSeconds.toFixed(1)} s (background merges included); CPU: generator ` +
        `${(used.generator - cpu.generator).toFixed(1)} s, ClickHouse ${(used.clickhouse - cpu.clickhouse).toFixed(1)} s; ` +
        `load average ${loadavg()[0].toFixed(1)}.`,
    );
  } catch (error) {
    await clickhouse.server.stop();
    throw error;
  }
  return clickhouse;
}
