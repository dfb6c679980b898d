import { readSettings, type Environment } from '@sluice/config';
import { clickhouseTargetFromEnv, type ClickHouseTarget } from '../clickhouse-target';
import type { DeadLetterLimits } from './dead-letter-file';

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
  deadLetters: DeadLetterLimits;
}

/** The shipper's settings, read by the settings schema (batch defaults measured with `npm run bench:pipeline`). */
export function shipperConfigFromEnv(env: Environment = process.env): ShipperConfig {
  const settings = readSettings(env, [
    'SHIPPER_INPUT_DIR',
    'SHIPPER_STATE_DIR',
    'SHIPPER_BATCH_MAX_EVENTS',
    'SHIPPER_BATCH_MAX_BYTES',
    'SHIPPER_BATCH_MAX_WAIT_MS',
    'SHIPPER_REPORT_EVERY_MS',
    'SHIPPER_METRICS_PORT',
    'SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT',
    'SHIPPER_DEAD_LETTER_ROTATE_SIZE',
    'SHIPPER_DEAD_LETTER_MAX_SIZE',
  ]);
  // Else every closed file would be deleted the moment it is closed.
  if (settings.SHIPPER_DEAD_LETTER_MAX_SIZE < settings.SHIPPER_DEAD_LETTER_ROTATE_SIZE)
    throw new Error('SHIPPER_DEAD_LETTER_MAX_SIZE must be at least SHIPPER_DEAD_LETTER_ROTATE_SIZE');
  return {
    inputDir: settings.SHIPPER_INPUT_DIR,
    stateDir: settings.SHIPPER_STATE_DIR,
    clickhouse: clickhouseTargetFromEnv('INGEST', env),
    batchMaxEvents: settings.SHIPPER_BATCH_MAX_EVENTS,
    batchMaxBytes: settings.SHIPPER_BATCH_MAX_BYTES,
    batchMaxWaitMs: settings.SHIPPER_BATCH_MAX_WAIT_MS,
    reportEveryMs: settings.SHIPPER_REPORT_EVERY_MS,
    metricsPort: settings.SHIPPER_METRICS_PORT === 'off' ? undefined : settings.SHIPPER_METRICS_PORT,
    crashBeforeCheckpoint: settings.SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT,
    deadLetters: {
      rotateBytes: settings.SHIPPER_DEAD_LETTER_ROTATE_SIZE,
      maxBytes: settings.SHIPPER_DEAD_LETTER_MAX_SIZE,
    },
  };
}
