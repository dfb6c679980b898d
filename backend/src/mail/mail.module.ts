import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';

/** Email through the configured SMTP server, for alerts and digests. */
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
