import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter, so many shippers don't retry in step. */
export function backoffMs(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Inserts `rows` NDJSON lines (contract rows, already checked) as they are, in JSONEachRow: no row
 * is turned into an object and serialised again. Retries the same batch until ClickHouse
 * acknowledges it, calling `failed` after each refused attempt. Returns false only when `stop` is
 * aborted first (a stop also cuts a backoff wait short): the caller then keeps its checkpoint where it
 * was, and the batch is sent again after the next start.
 */
export async function insertUntilAcknowledged(
  client: ClickHouseClient,
  ndjson: Buffer,
  rows: number,
  stop: AbortSignal,
  log: (line: string) => void,
  failed: () => void,
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      // insert() only takes objects for JSON formats; exec() sends the bytes as they are. Each attempt
      // needs a fresh stream, and the (empty) answer is read to the end so the socket is reused.
      const body = Readable.from([ndjson], { objectMode: false });
      const { stream } = await client.exec({ query: 'INSERT INTO events FORMAT JSONEachRow', values: body });
      for await (const chunk of stream) void chunk;
      if (attempt > 0)
        log(`ClickHouse accepted the batch after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}`);
      return true;
    } catch (error) {
      if (stop.aborted) return false;
      failed();
      const wait = backoffMs(attempt);
      log(
        `ClickHouse insert of ${rows} rows failed (${error instanceof Error ? error.message : String(error)}); retrying in ${wait} ms`,
      );
      await pause(wait, stop);
      if (stop.aborted) return false;
    }
  }
}

/** Waits `ms`, or less when `stop` is aborted meanwhile. */
export function pause(ms: number, stop: AbortSignal): Promise<void> {
  // The only rejection is the abort itself, which is what ends the wait early.
  return sleep(ms, undefined, { signal: stop }).catch(() => {});
}
