import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Work done once at start and then every `intervalMs` while the backend runs (retention, sweeps). `run`
 * logs its own failures: a failed run waits for the next one rather than stopping the backend.
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
    void this.run();
    this.timer = setInterval(() => void this.run(), this.intervalMs).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
