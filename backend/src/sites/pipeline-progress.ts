import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const POLL_MS = 500;
/** The shipper's gauge (pipeline/README.md, "acknowledged through"), in unix seconds. */
const ACKNOWLEDGED_THROUGH = /^sluice_shipper_acknowledged_through_seconds (\S+)$/m;

/**
 * How far the pipeline has come. The contract: a pipeline says it has passed a moment once every line
 * the edge wrote to the NDJSON files before it is in ClickHouse or dead-lettered. The shipper publishes
 * that moment in its metrics; Vector can't (its checkpoints say where it read, not when a line was
 * written), so with it, or with no shipper metrics configured, the moment is taken as passed after a
 * fixed wait (SLUICE_PIPELINE_DRAIN_SECONDS) — and what arrives later is for the deleted sites' sweep.
 */
@Injectable()
export class PipelineProgress {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Resolves once the pipeline has passed `moment` (ms since the epoch); rejects when `stop` is aborted. */
  async passed(moment: number, stop: AbortSignal): Promise<void> {
    const { shipperMetricsUrl, drainSeconds } = this.config.pipeline;
    if (!shipperMetricsUrl)
      return sleep(Math.max(0, moment + drainSeconds * 1000 - Date.now()), undefined, { signal: stop });
    while ((await this.acknowledgedThrough(shipperMetricsUrl, stop)) < moment)
      await sleep(POLL_MS, undefined, { signal: stop });
  }

  /** The shipper's moment in ms; 0 while it can't be read (the shipper stopped or restarting). */
  private async acknowledgedThrough(url: string, stop: AbortSignal): Promise<number> {
    try {
      const response = await fetch(url, { signal: stop });
      const seconds = ACKNOWLEDGED_THROUGH.exec(await response.text())?.[1];
      return seconds === undefined ? 0 : Number(seconds) * 1000;
    } catch (error) {
      if (stop.aborted) throw error;
      return 0;
    }
  }
}
