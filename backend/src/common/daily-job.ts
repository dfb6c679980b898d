import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Work done once at start and then every day while the backend runs (retention). `run` logs its own
 * failures: a failed run waits for the next day rather than stopping the backend.
 */
export abstract class DailyJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  protected abstract run(): Promise<void>;

  /** False when the job has nothing to do under this configuration; it is then never scheduled. */
  protected isEnabled(): boolean {
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.isEnabled()) return;
    void this.run();
    this.timer = setInterval(() => void this.run(), DAY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
