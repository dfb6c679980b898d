import { Inject, Injectable } from '@nestjs/common';
import { purposeKey, seal, unseal } from '../auth/sealed.js';
import { SIGNING_SECRET } from '../auth/signing-secret.js';
import { newWebhookSecret } from './webhook-signature.js';

/**
 * Webhook channels' signing secrets. The secret must be readable to sign with (a hash would not do), so
 * it is stored sealed (AES-256-GCM) under a key derived from the backends' signing secret: a copy of the
 * metadata database alone does not reveal it. Changing SLUICE_JWT_SECRET makes them unreadable: such a
 * channel's deliveries fail saying so, and the channel is made again for a new secret.
 */
@Injectable()
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(@Inject(SIGNING_SECRET) signingSecret: string) {
    this.key = purposeKey(signingSecret, 'alert webhook secrets');
  }

  /** A new secret, and what is stored of it. */
  create(): { secret: string; sealed: string } {
    const secret = newWebhookSecret();
    return { secret, sealed: seal({ secret }, this.key) };
  }

  read(sealed: string): string {
    const opened = unseal<{ secret: string }>(sealed, this.key);
    if (!opened)
      throw new Error('the signing secret is unreadable (SLUICE_JWT_SECRET changed): make the channel again');
    return opened.secret;
  }
}
