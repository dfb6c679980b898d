import { clickhouseTargetFromEnv, requiredEnv, type ClickHouseTarget } from '../clickhouse-target';

export interface ShipperConfig {
  inputDir: string;
  stateDir: string;
  clickhouse: ClickHouseTarget;
  batchMaxEvents: number;
  /** A batch also closes at this size: with MAX_IN_FLIGHT batches sent, it bounds the shipper's memory. */
  batchMaxBytes: number;
  batchMaxWaitMs: number;
  /** How often a progress line is logged. */
  reportEveryMs: number;
  /** Prometheus metrics on 127.0.0.1 at this port; none when unset. */
  metricsPort?: number;
  /**
   * A failpoint for tests only (SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT=N): the process kills itself
   * (SIGKILL, a crash) right before its Nth checkpoint write, after ClickHouse acknowledged the batch.
   * It puts a crash exactly where a timer can't (docs/testing.md). Unset in production.
   */
  crashBeforeCheckpoint?: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name] || String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * Defaults measured with `npm run bench:pipeline`: 20,000-row (at most 16 MiB) inserts keep ClickHouse
 * busy between acknowledgements while the shipper stays under 150 MB.
 */
export const SHIPPER_DEFAULTS = {
  batchMaxEvents: 20_000,
  batchMaxBytes: 16 << 20,
  batchMaxWaitMs: 1000,
  reportEveryMs: 10_000,
};

export function shipperConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ShipperConfig {
  return {
    inputDir: requiredEnv('SHIPPER_INPUT_DIR', env),
    stateDir: requiredEnv('SHIPPER_STATE_DIR', env),
    clickhouse: clickhouseTargetFromEnv('INGEST', env),
    batchMaxEvents: positiveInteger(env, 'SHIPPER_BATCH_MAX_EVENTS', SHIPPER_DEFAULTS.batchMaxEvents),
    batchMaxBytes: positiveInteger(env, 'SHIPPER_BATCH_MAX_BYTES', SHIPPER_DEFAULTS.batchMaxBytes),
    batchMaxWaitMs: positiveInteger(env, 'SHIPPER_BATCH_MAX_WAIT_MS', SHIPPER_DEFAULTS.batchMaxWaitMs),
    reportEveryMs: positiveInteger(env, 'SHIPPER_REPORT_EVERY_MS', SHIPPER_DEFAULTS.reportEveryMs),
    metricsPort: env.SHIPPER_METRICS_PORT ? positiveInteger(env, 'SHIPPER_METRICS_PORT', 0) : undefined,
    crashBeforeCheckpoint: env.SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT
      ? positiveInteger(env, 'SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT', 0)
      : undefined,
  };
}
