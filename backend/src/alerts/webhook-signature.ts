import { createHmac, randomBytes } from 'node:crypto';

/** The headers a webhook delivery carries: when it was signed (unix seconds), and the signature. */
export const TIMESTAMP_HEADER = 'sluice-timestamp';
export const SIGNATURE_HEADER = 'sluice-signature';

/** A channel's signing secret, shown once when the channel is made: `whsec_` and 256 random bits. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the channel's secret, as Stripe signs: the
 * receiver recomputes it over the raw body and the timestamp header, compares in constant time, and
 * refuses a timestamp more than a few minutes old, so a captured request can't be replayed later.
 */
export const webhookSignature = (secret: string, timestamp: number, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
