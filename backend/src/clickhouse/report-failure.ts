import { ClickHouseError } from '@clickhouse/client';
import { DomainError, ErrorCode } from '../common/domain-error.js';

/**
 * ClickHouse's codes for a query stopped by a bound the server sets on every report (DEFAULT_SETTINGS)
 * or by its own capacity: the question was fine, the server can't answer it now.
 */
const OVER_CAPACITY = new Set([
  '159', // TIMEOUT_EXCEEDED: max_execution_time
  '241', // MEMORY_LIMIT_EXCEEDED: max_memory_usage
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES: max_concurrent_queries
]);

/**
 * The server's error code: the client parses a modern server's message into a ClickHouseError, and
 * leaves 18.16's (`Code: 159, e.displayText() = …`) a plain Error.
 */
function serverCode(error: Error): string | undefined {
  return error instanceof ClickHouseError ? error.code : /^Code: (\d+)\b/.exec(error.message)?.[1];
}

/** How the client says it never got an answer: its own request timeout, or no connection at all. */
const UNREACHABLE = /^Timeout error\.$|ECONNREFUSED|ECONNRESET|socket hang up/;

/** Seconds a refused report asks its caller to wait: long enough for a burst of reports to drain. */
const RETRY_AFTER_SECONDS = '10';

/**
 * A report query's failure as the API answers it: when ClickHouse is over its bounds, busy or out of
 * reach, a 503 `busy` with Retry-After (a dashboard retries; nothing is wrong with the request);
 * anything else unchanged, for the error filter to log as the 500 it is.
 */
export function reportFailure(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = serverCode(error);
  const overCapacity = code !== undefined && OVER_CAPACITY.has(code);
  const unreachable = code === undefined && UNREACHABLE.test(error.message);
  if (!overCapacity && !unreachable) return error;
  return busy(
    overCapacity
      ? 'the report needs more time or memory than the analytics database gives one now: try again in a moment, or a shorter range'
      : 'the analytics database did not answer: try again in a moment',
  );
}

/** A 503 `busy` with Retry-After: the request was fine, the analytics database can't take it now. */
export const busy = (message: string) =>
  new DomainError(ErrorCode.Busy, message, { 'Retry-After': RETRY_AFTER_SECONDS });
