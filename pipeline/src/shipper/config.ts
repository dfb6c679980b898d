import { clickhouseTargetFromEnv, requiredEnv, type ClickHouseTarget } from '../clickhouse-target';

export interface ShipperConfig {
  inputDir: string;
  stateDir: string;
  clickhouse: ClickHouseTarget;
  batchMaxEvents: number;
  batchMaxWaitMs: number;
  /** How often a progress line is logged. */
  reportEveryMs: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name] || String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function shipperConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ShipperConfig {
  return {
    inputDir: requiredEnv('SHIPPER_INPUT_DIR', env),
    stateDir: requiredEnv('SHIPPER_STATE_DIR', env),
    clickhouse: clickhouseTargetFromEnv('INGEST', env),
    batchMaxEvents: positiveInteger(env, 'SHIPPER_BATCH_MAX_EVENTS', 10_000),
    batchMaxWaitMs: positiveInteger(env, 'SHIPPER_BATCH_MAX_WAIT_MS', 1000),
    reportEveryMs: positiveInteger(env, 'SHIPPER_REPORT_EVERY_MS', 10_000),
  };
}
