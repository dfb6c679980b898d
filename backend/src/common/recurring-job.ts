import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { errorMessage } from './error-message.js';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Work done once at start and then every `intervalMs` while the backend runs (retention, sweeps). `run`
 * logs its own failures: a failed run waits for the next one rather than stopping the backend. A failure
 * it lets through (a store closed by a shutdown mid-run) is logged here, never left unhandled.
 */
export abstract class RecurringJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(private readonly intervalMs: number) {}

  protected abstract run(): Promise<void>;

  /** False when the job has nothing to do under this configuration; it is then never scheduled. */
  protected isEnabled(): boolean {
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.isEnabled()) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs).unref();
  }

  private tick(): void {
    this.run().catch((error: unknown) =>
      new Logger(this.constructor.name).error(`The run failed (${errorMessage(error)}); next run again`),
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
