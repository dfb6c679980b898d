import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseSettings,
  type Logger as ClientLogger,
  type ResponseJSON,
  type WarnLogParams,
} from '@clickhouse/client';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics.js';
import { errorMessage } from '../common/error-message.js';
import { requestSignal, requestStarted } from '../common/request-signal.js';
import { WorkQueue } from '../common/work-queue.js';
import { busy, reportFailure } from './report-failure.js';
import { bind, render, sql, type SqlFragment } from './sql-binder.js';
import { QUERY_PRIORITY } from './query-priority.js';
import { ThreadShare, type ThreadClaim } from './thread-share.js';
import { SharedRuns } from './shared-runs.js';
import { SharedStreams } from './shared-streams.js';

/** A query as every report hands it over: named for logs and timings, values bound by the binder. */
export interface NamedQuery {
  name: string;
  sql: SqlFragment;
  /** Overrides of `DEFAULT_SETTINGS` for this query; the reader account (readonly=2) may set them. */
  settings?: ClickHouseSettings;
}

/**
 * Reports read their blocks through the server's cache of uncompressed blocks (its size is the server's
 * `uncompressed_cache_size`): the panel asks the same month of the same site again and again (each card, each
 * filter, each viewer), and decompressing it again was a fifth of a page breakdown's CPU on the benchmark's
 * largest site (docs/benchmarks.md, "Reports read decompressed blocks once"). A read of more rows than this
 * from one table bypasses the cache (the server's own rule), so that one long scan does not push out
 * the blocks every panel reads.
 */
const CACHED_BLOCKS: ClickHouseSettings = {
  use_uncompressed_cache: 1,
  merge_tree_max_rows_to_use_cache: String(512 * 8192),
};

/**
 * Bounds for any report query, enforced by the server (each exists on 18.16 and modern servers, and
 * the reader account, readonly=2, may set them): a runaway query is stopped by time, memory or the
 * size of its answer, not left to the HTTP timeout or the backend's heap.
 */
const DEFAULT_SETTINGS: ClickHouseSettings = {
  max_execution_time: 30,
  max_memory_usage: '2000000000',
  max_result_rows: '100000',
  result_overflow_mode: 'throw',
  // The answer waits for the end of the query: an error met while rows stream (past the row limit)
  // is then the HTTP status, not a body cut short mid-JSON. Bounded by max_result_rows; a streamed
  // export (`csv`) sets it to 0.
  wait_end_of_query: 1,
  priority: QUERY_PRIORITY.report,
  ...CACHED_BLOCKS,
};

/**
 * Exports stream: ClickHouse sends rows as it finds them and the backend passes the bytes on, so the
 * answer is never held whole, here or there. An error past the first rows can then only cut the
 * stream short (the client sees a transfer that never ended), not change the status. A report's export
 * reads the blocks its panel card reads, through the same cache; the raw events' export, which reads
 * every column, passes it by on its own (query/csv.ts).
 */
const STREAM_SETTINGS: ClickHouseSettings = {
  wait_end_of_query: 0,
  priority: QUERY_PRIORITY.export,
};
const REQUEST_TIMEOUT_MS = 35_000;
/**
 * How long a query no one waits for any more runs on before it is stopped: a page reloaded (or gone back to)
 * while its cards load asks the same queries again within this time and finds them still running, where a
 * query abandoned for good (other filters, another page, a closed tab) stops before long.
 */
const ABANDONED_GRACE_MS = 1_000;
/**
 * How much of an export is kept for callers who ask for it while it streams: a report's export fits whole (a
 * breakdown's thousand rows is 50 KB on the benchmark's largest site); past it (a month of raw events), callers
 * still to come run their own.
 */
const SHARED_EXPORT_BYTES = 4 * 1024 * 1024;

/**
 * Queries this backend runs on the server at once, per thread of the server's (`max_threads`); the others wait
 * their turn, the most urgent first (`QUERY_PRIORITY`), then those of the request begun first (a breakdown's
 * comparison before the next request's rows). Two cores run eight different month-long reports no faster side
 * by side than four at a time, and spend the difference switching between them: eight clients each asking
 * their own report answered in 795–965 ms p50 instead of 1,078–1,131 (pages), 637–855 instead of 956–992
 * (funnels). And the server's own priorities pause a less urgent query only at its next block read, not while
 * it builds the sets its subqueries feed it: a filter change's 18 queries sent at once answered the metric
 * cards in 215 ms, in 61–97 taking turns (docs/benchmarks.md, "Report queries take turns"). Two per thread
 * rather than one: a query waiting on the disk or on its client leaves its cores to another.
 */
const QUERIES_PER_THREAD = 2;
/** Queries that may wait their turn; past it one is refused at once with a 503, as the server refuses past its own. */
const MAX_WAITING_QUERIES = 256;

/** A query's priority (`QUERY_PRIORITY`) as a number: its own setting, else the reports' (`DEFAULT_SETTINGS`). */
const priorityOf = (query: NamedQuery): number => Number(query.settings?.priority ?? QUERY_PRIORITY.report);

/** A query's settings: the bounds, then its mode's (a stream's), its share of the threads, its own last. */
const settingsOf = (
  query: NamedQuery,
  share: ThreadClaim,
  mode: ClickHouseSettings = {},
): ClickHouseSettings => ({ ...DEFAULT_SETTINGS, ...mode, ...share.settings, ...query.settings });

/** How a report query ended, as /metrics counts it. */
type QueryOutcome = 'ok' | 'failed' | 'shared' | 'abandoned';

/** What makes two queries the same one: their SQL and their settings. */
const sharingKey = (query: NamedQuery, text: string) => `${JSON.stringify(query.settings ?? {})}\n${text}`;

/** The client's own log lines, in the app's log. */
class ClientLogs implements ClientLogger {
  private readonly logger = new Logger('ClickHouseClient');
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn({ message }: WarnLogParams): void {
    this.logger.warn(message);
  }
  /** Every error is also thrown to the caller, which logs it once with its context (`rows`, ErrorFilter). */
  error(): void {}
}

/**
 * The one entry point of every report query, as the read-only account: logging, timing and limits
 * live here. (Migrations run as the admin account in `SchemaMigrations`, once, at start.)
 */
@Injectable()
export class ClickHouseService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ClickHouse');
  private readonly client: ClickHouseClient;
  private readonly threads = new ThreadShare();
  private readonly runs = new SharedRuns<string>(ABANDONED_GRACE_MS);
  private readonly streams = new SharedStreams(SHARED_EXPORT_BYTES);
  /** Set once the server's threads are known (`onApplicationBootstrap`); until then queries go at once. */
  private turns: WorkQueue | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    const { url, database, reader } = config.clickhouse;
    this.client = createClient({
      url,
      database,
      ...reader,
      request_timeout: REQUEST_TIMEOUT_MS,
      log: { LoggerClass: ClientLogs },
    });
  }

  /**
   * After the migrations (module init): a wrong reader password stops the start instead of the first
   * report. Then the server's threads, read before any query sets its own share (system.settings answers
   * the query's own settings); where an account may not read them, queries keep the server's setting.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.rows({ name: 'reader-check', sql: sql`SELECT 1 AS ok` });
    try {
      const [threads] = await this.rows<{ value: string }>({
        name: 'server-threads',
        sql: sql`SELECT value FROM system.settings WHERE name = 'max_threads'`,
      });
      const count = threads && this.threads.setServerThreads(threads.value);
      if (count)
        this.turns = new WorkQueue(QUERIES_PER_THREAD * count, MAX_WAITING_QUERIES, () =>
          busy(
            'the analytics database has more reports to answer than it can take now: try again in a moment',
          ),
        );
    } catch (error) {
      this.logger.warn(
        `the server's threads are unknown, so queries do not share them: ${errorMessage(error)}`,
      );
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.client.close();
  }

  async rows<T>(query: NamedQuery): Promise<T[]> {
    return (await this.answer<T>(query)).data;
  }

  /**
   * The rows of a `GROUP BY … WITH TOTALS` query and its totals row: the aggregates over every group,
   * before ORDER BY and LIMIT, from the same read (undefined if the server sent none).
   */
  async rowsWithTotals<T>(query: NamedQuery): Promise<{ rows: T[]; totals: T | undefined }> {
    const { data, totals } = await this.answer<T>(query);
    return { rows: data, totals };
  }

  /**
   * A query's answer, from its own run or from the identical one in flight (`SharedRuns`): each caller
   * parses its own copy of the server's bytes, so none sees another's changes to the rows. A caller whose
   * client went away (`requestSignal`) stops waiting, and the run stops when no caller is left.
   */
  private async answer<T>(query: NamedQuery): Promise<ResponseJSON<T>> {
    const started = performance.now();
    const text = render(query.sql);
    const { answer, joined } = this.runs.join(
      sharingKey(query, text),
      (stop) => this.run(query, text, stop),
      requestSignal(),
    );
    const parsed = JSON.parse(await answer) as ResponseJSON<T>;
    if (joined) {
      this.logger.log(
        `${query.name}: ${parsed.data.length} rows in ${this.timed(query, 'shared', started)}, shared`,
      );
      return parsed;
    }
    const took = this.timed(query, 'ok', started);
    // The JSON format (not JSONEachRow) carries the server's statistics: rows read, on 18.16 too.
    const rowsRead = Number(parsed.statistics?.rows_read ?? 0);
    this.metrics.reportRowsRead.inc({ query: query.name }, rowsRead);
    this.logger.log(`${query.name}: ${parsed.data.length} rows in ${took}, ${rowsRead} rows read`);
    return parsed;
  }

  /**
   * One run of a query on the server, in its turn (`turns`): its JSON answer as sent, or the failure every caller
   * of it gets; stopped, waiting or on the server, when `stop` aborts.
   */
  private async run(query: NamedQuery, text: string, stop: AbortSignal): Promise<string> {
    const started = performance.now();
    const send = () => this.send(query, text, stop);
    try {
      // A request's later queries (a breakdown's comparison) before the queries of requests begun after it.
      const turn = { priority: priorityOf(query), order: requestStarted(), signal: stop };
      return await (this.turns?.run(send, turn) ?? send());
    } catch (error) {
      if (stop.aborted) {
        this.logger.log(
          `${query.name}: stopped after ${this.timed(query, 'abandoned', started)}, no one waits for it`,
        );
        throw stop.reason;
      }
      this.logger.warn(`${query.name}: failed after ${this.timed(query, 'failed', started)}`);
      throw this.failure(query, error);
    }
  }

  /** Sends a query with its share of the server's threads, and stops it there if `stop` aborts meanwhile. */
  private async send(query: NamedQuery, text: string, stop: AbortSignal): Promise<string> {
    const share = this.threads.claim();
    const queryId = randomUUID();
    const kill = () => void this.kill(query, queryId);
    stop.addEventListener('abort', kill, { once: true });
    try {
      const result = await this.client.query({
        query: text,
        format: 'JSON',
        query_id: queryId,
        abort_signal: stop,
        clickhouse_settings: settingsOf(query, share),
      });
      return await result.text();
    } finally {
      stop.removeEventListener('abort', kill);
      share.release();
    }
  }

  /**
   * Stops a query on the server. The client's abort closes the connection, which 18.16 does not notice while
   * the query runs (its answer waits for the end: wait_end_of_query); KILL QUERY, which any account may send
   * for its own queries, readonly or not, stops it where it is.
   */
  private async kill(query: NamedQuery, queryId: string): Promise<void> {
    try {
      await this.client.command({
        query: render(sql`KILL QUERY WHERE query_id = ${bind.string(queryId)} ASYNC`),
      });
    } catch (error) {
      this.logger.warn(`${query.name}: not stopped on the server: ${errorMessage(error)}`);
    }
  }

  /**
   * A query's answer as CSV with a header line, ClickHouse's bytes passed through as they come:
   * `CSVWithNames` quotes strings and doubles their quotes (RFC 4180) on 18.16 and modern servers. An
   * identical export in flight is copied rather than run again (`SharedStreams`), while it is short enough
   * to replay to a caller who joins late.
   */
  async csv(query: NamedQuery): Promise<Readable> {
    const started = performance.now();
    const text = `${render(query.sql)} FORMAT CSVWithNames`;
    const { stream, joined } = await this.streams.join(sharingKey(query, text), () =>
      this.stream(query, text),
    );
    if (joined) {
      stream.once('end', () =>
        this.logger.log(`${query.name}: streamed shared in ${this.timed(query, 'shared', started)}`),
      );
    }
    return stream;
  }

  /**
   * One export's stream from the server. Timed and counted like `rows` when it ends (rows read are not in
   * a streamed answer).
   */
  private async stream(query: NamedQuery, text: string): Promise<Readable> {
    const started = performance.now();
    const share = this.threads.claim();
    const done = (outcome: 'ok' | 'failed') => () => {
      share.release();
      this.logger.log(`${query.name}: streamed ${outcome} in ${this.timed(query, outcome, started)}`);
    };
    try {
      const { stream } = await this.client.exec({
        query: text,
        clickhouse_settings: settingsOf(query, share, STREAM_SETTINGS),
      });
      // A client that goes away mid-export closes the stream without an end or an error.
      stream
        .once('end', done('ok'))
        .once('error', done('failed'))
        .once('close', () => share.release());
      return stream;
    } catch (error) {
      done('failed')();
      throw this.failure(query, error);
    }
  }

  /** Counts a query's time since `started` under its outcome in /metrics, and gives it as log lines say it. */
  private timed(query: NamedQuery, outcome: QueryOutcome, started: number): string {
    const seconds = (performance.now() - started) / 1000;
    this.metrics.reportQueries.observe({ query: query.name, outcome }, seconds);
    return `${(seconds * 1000).toFixed(1)} ms`;
  }

  /**
   * What the caller gets for a failed query: a busy or unreachable server is a 503 for the client (its
   * cause logged here, since the error filter logs only 500s), anything else as it came, for the filter.
   */
  private failure(query: NamedQuery, error: unknown): unknown {
    const failure = reportFailure(error);
    if (failure !== error) this.logger.error(`${query.name}: ${errorMessage(error)}`);
    return failure;
  }
}
