import { join } from 'node:path';
import { ManagedProcess } from '@sluice/processes';
import type { ClickHouseTarget } from '../clickhouse-target';

/**
 * How node runs the shipper, as its own process (so it can be killed and restarted like in
 * production). Small heap spaces: the shipper's garbage is short-lived lines and its batches live off
 * the heap, yet V8's defaults would let tens of MB of garbage pile up between collections (the RSS
 * budget is 150 MB; bench:pipeline measures it).
 */
export const SHIPPER_NODE_ARGS = [
  '--max-semi-space-size=4',
  '--max-old-space-size=64',
  join(__dirname, 'main.js'),
];

export interface ShipperProcessOptions {
  inputDir: string;
  stateDir: string;
  /** The ingest account. */
  clickhouse: ClickHouseTarget;
  logFile: string;
  batchMaxEvents?: number;
  batchMaxBytes?: number;
  batchMaxWaitMs?: number;
  reportEveryMs?: number;
  /** Prometheus metrics on this port; none when left out. */
  metricsPort?: number;
  /** Tests only: crash right before the Nth checkpoint write (ShipperConfig.crashBeforeCheckpoint). */
  crashBeforeCheckpoint?: number;
  /** Bytes, as SHIPPER_DEAD_LETTER_ROTATE_SIZE and SHIPPER_DEAD_LETTER_MAX_SIZE. */
  deadLetterRotateBytes?: number;
  deadLetterMaxBytes?: number;
}

/** Starts the shipper as a child process (tests and benchmarks) with these settings as its only variables. */
export function startShipperProcess(options: ShipperProcessOptions): ManagedProcess {
  const { clickhouse } = options;
  const optional = (value: number | undefined) => (value === undefined ? '' : String(value));
  return new ManagedProcess({
    name: 'shipper',
    command: process.execPath,
    args: SHIPPER_NODE_ARGS,
    logFile: options.logFile,
    env: {
      SHIPPER_INPUT_DIR: options.inputDir,
      SHIPPER_STATE_DIR: options.stateDir,
      SHIPPER_BATCH_MAX_EVENTS: optional(options.batchMaxEvents),
      SHIPPER_BATCH_MAX_BYTES: optional(options.batchMaxBytes),
      SHIPPER_BATCH_MAX_WAIT_MS: optional(options.batchMaxWaitMs),
      SHIPPER_REPORT_EVERY_MS: optional(options.reportEveryMs),
      SHIPPER_METRICS_PORT: options.metricsPort === undefined ? 'off' : String(options.metricsPort),
      SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT: optional(options.crashBeforeCheckpoint),
      SHIPPER_DEAD_LETTER_ROTATE_SIZE: optional(options.deadLetterRotateBytes),
      SHIPPER_DEAD_LETTER_MAX_SIZE: optional(options.deadLetterMaxBytes),
      CLICKHOUSE_URL: clickhouse.url,
      CLICKHOUSE_DATABASE: clickhouse.database,
      CLICKHOUSE_INGEST_USER: clickhouse.username,
      CLICKHOUSE_INGEST_PASSWORD: clickhouse.password,
    },
  });
}
