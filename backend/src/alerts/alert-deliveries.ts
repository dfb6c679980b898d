import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { errorMessage } from '../common/error-message.js';
import { Mailer } from '../mail/mailer.js';
import type { AlertChannel } from './alert.entities.js';
import { alertEmail, slackPayload, webhookPayload, type Notice } from './alert-message.js';
import { AlertsRepository } from './alerts.repository.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';
import { WebhookSecrets } from './webhook-secrets.js';

/** Attempts per delivery: the first and four retries. */
export const MAX_ATTEMPTS = 5;
/** A receiver that has not answered by then fails the attempt: a slow one never holds a delivery longer. */
const RECEIVER_TIMEOUT_MS = 10_000;

/**
 * Delivers notices through their channels, each channel on its own: started and left running, so the
 * evaluation of other rules never waits for a receiver. A failed attempt (an error status, a timeout, a
 * refused connection, an SMTP error) is retried after `SLUICE_ALERT_RETRY_MS`, doubling each time, with
 * jitter (a random half of the wait off, so receivers recovering from an outage aren't hit by every
 * backend at once), up to MAX_ATTEMPTS; every attempt is recorded. Retries live in this process: a
 * backend stopped mid-retry leaves the delivery as its attempts so far recorded it.
 */
@Injectable()
export class AlertDeliveries implements OnModuleDestroy {
  private readonly logger = new Logger('AlertDeliveries');
  private readonly running = new Set<Promise<void>>();
  private readonly waits = new Set<() => void>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly alerts: AlertsRepository,
    private readonly secrets: WebhookSecrets,
  ) {}

  /** Starts the notice's delivery through every channel; returns at once. */
  dispatch(notice: Notice, channels: AlertChannel[]): void {
    for (const channel of channels) {
      const delivery = this.deliver(notice, channel)
        .catch((error: unknown) =>
          this.logger.error(`Delivery of firing ${notice.firing.id} stopped: ${errorMessage(error)}`),
        )
        .finally(() => this.running.delete(delivery));
      this.running.add(delivery);
    }
  }

  /** Resolves once every delivery started so far has ended (delivered, or out of attempts). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async deliver(notice: Notice, channel: AlertChannel): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.closing; attempt++) {
      const error = await this.send(notice, channel).then(
        () => null,
        (failure: unknown) => errorMessage(failure).slice(0, 500),
      );
      await this.alerts.recordDelivery({
        firingId: notice.firing.id,
        channelId: channel.id,
        channelKind: channel.kind,
        notice: notice.firing.resolvedAt === null ? 'firing' : 'resolution',
        attempt,
        status: error === null ? 'delivered' : 'failed',
        error,
        attemptedAt: Date.now(),
      });
      if (error === null) return;
      if (attempt < MAX_ATTEMPTS) await this.wait(this.backoff(attempt));
    }
  }

  /** The wait after failed attempt `attempt`: doubling from the setting, less a random part of up to half. */
  private backoff(attempt: number): number {
    const full = this.config.alerts.retryMs * 2 ** (attempt - 1);
    return Math.round(full * (1 - Math.random() / 2));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms).unref();
      this.waits.add(done);
    });
  }

  private async send(notice: Notice, channel: AlertChannel): Promise<void> {
    if (channel.kind === 'email') return this.mailer.send(alertEmail(notice, channel));
    const body = JSON.stringify(channel.kind === 'slack' ? slackPayload(notice) : webhookPayload(notice));
    const timestamp = Math.floor(Date.now() / 1000);
    const secret = this.secrets.read(channel.sealedSecret ?? '');
    const response = await fetch(channel.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sluice-Alerts',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
      },
      body,
      // A redirect could send the signed body somewhere else: a receiver that moved is a failure to fix.
      redirect: 'manual',
      signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
    });
    // The answer's body is not needed; reading it to the end frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299)
      throw new Error(`the receiver answered HTTP ${response.status}`);
  }

  /** A shutdown ends the waits between attempts: what was attempted so far is recorded. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const done of [...this.waits]) done();
    await this.idle();
  }
}
