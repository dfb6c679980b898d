import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { refusalReason, refusesRows } from './insert-errors';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter, so many shippers don't retry in step. */
export function backoffMs(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Rows on their way to ClickHouse, as NDJSON that can be cut between rows. */
export interface Rows {
  readonly rows: number;
  /** The NDJSON of rows `from` to `to` (excluded). */
  body(from: number, to: number): Buffer;
}

/** A row ClickHouse will never take as it is, and ClickHouse's message. */
export interface Refusal {
  row: number;
  reason: string;
}

export interface SinkContext {
  client: ClickHouseClient;
  /** Aborted: give up (a stop also cuts a backoff wait short). */
  stop: AbortSignal;
  log: (line: string) => void;
  /** Called after each attempt that failed, whatever the reason. */
  failed: () => void;
}

/**
 * Inserts `rows` until ClickHouse has taken every row it will ever take, and returns the ones it
 * refuses (none, most of the time), or null when `stop` is aborted first: the caller then keeps its
 * checkpoint where it was, and the rows are sent again after the next start.
 *
 * A failure that may pass (the network, an overloaded or restarting server, a missing grant) is
 * retried with the same rows until it does. When ClickHouse refuses the rows themselves (insert-errors:
 * a parse or type error), retrying can't help and one bad row would hold back the whole batch: the
 * batch is cut in halves, and each half inserted (or cut again) on its own, until every refused row is
 * alone and every other row stored. A batch is one insert block, so ClickHouse stores none of a
 * refused insert and each accepted row lands once; one bad row in 20,000 costs about 30 inserts.
 */
export async function insertRows(sink: SinkContext, rows: Rows): Promise<Refusal[] | null> {
  const refused: Refusal[] = [];
  // Ranges still to insert, in order: the first half of a split is tried before the second.
  const pending: Array<[from: number, to: number]> = [[0, rows.rows]];
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    const outcome = await insertUntilAnswered(sink, rows.body(from, to), to - from);
    if (outcome === null) return null;
    if (outcome === ACCEPTED) continue;
    if (to - from === 1) {
      refused.push({ row: from, reason: outcome });
      continue;
    }
    if (from === 0 && to === rows.rows)
      sink.log(`ClickHouse refused rows of a batch of ${to} (${outcome}); splitting it to find them`);
    const middle = from + Math.ceil((to - from) / 2);
    pending.push([middle, to], [from, middle]);
  }
  return refused;
}

const ACCEPTED = Symbol('accepted');

/**
 * One insert, retried with backoff while it fails for a reason that may pass. Resolves ACCEPTED, or
 * ClickHouse's reason when it refuses the rows themselves, or null when `stop` came first.
 */
async function insertUntilAnswered(
  { client, stop, log, failed }: SinkContext,
  ndjson: Buffer,
  rows: number,
): Promise<typeof ACCEPTED | string | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      // insert() only takes objects for JSON formats; exec() sends the bytes as they are. Each attempt
      // needs a fresh stream, and the (empty) answer is read to the end so the socket is reused.
      const body = Readable.from([ndjson], { objectMode: false });
      const { stream } = await client.exec({
        query: 'INSERT INTO events FORMAT JSONEachRow',
        values: body,
        // Modern servers skip a field the table lacks by default, 18.16 refuses it: refusing
        // everywhere keeps the field's value, in the dead letter, for when the schema catches up.
        clickhouse_settings: { input_format_skip_unknown_fields: 0 },
      });
      for await (const chunk of stream) void chunk;
      if (attempt > 0)
        log(`ClickHouse accepted the batch after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}`);
      return ACCEPTED;
    } catch (error) {
      if (stop.aborted) return null;
      failed();
      if (refusesRows(error)) return refusalReason(error);
      const wait = backoffMs(attempt);
      log(
        `ClickHouse insert of ${rows} rows failed (${error instanceof Error ? error.message : String(error)}); retrying in ${wait} ms`,
      );
      await pause(wait, stop);
      if (stop.aborted) return null;
    }
  }
}

/** Waits `ms`, or less when `stop` is aborted meanwhile. */
export function pause(ms: number, stop: AbortSignal): Promise<void> {
  // The only rejection is the abort itself, which is what ends the wait early.
  return sleep(ms, undefined, { signal: stop }).catch(() => {});
}
