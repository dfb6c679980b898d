import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig, type SmtpSettings } from '../config/app-config.js';

/** An email as Sluice sends them: a plain-text part and a simple HTML part. */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A slow or silent SMTP server fails the attempt instead of holding it. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Sends email through the configured SMTP server (SLUICE_SMTP_*): alerts and weekly digests. One pooled
 * transport for the backend's life.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether an SMTP server is configured: without one, no email channel or digest can be set up. */
  get configured(): boolean {
    return this.config.smtp !== undefined;
  }

  async send(email: Email): Promise<void> {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('no SMTP server is configured (SLUICE_SMTP_HOST)');
    this.transport ??= createTransport(transportOptions(smtp));
    await this.transport.sendMail({ from: smtp.from, ...email });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

function transportOptions(smtp: SmtpSettings) {
  return {
    host: smtp.host,
    port: smtp.port,
    // implicit: TLS from the first byte; starttls: upgrade, and refuse a server that can't (requireTLS).
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'off',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    pool: true,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  };
}
