import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';

/** Questions a user may ask per calendar minute: each may cost two model calls, paid for by the site's owner. */
export const QUESTIONS_PER_MINUTE = 10;

const MINUTE_MS = 60_000;

/**
 * Per user, per calendar minute, on this backend: a cost guard for the provider, not a security boundary
 * (the provider's own limits and the caller's access stay in force), so a count each backend keeps in
 * memory is enough. Past it: 429 with Retry-After, before the provider is called.
 */
@Injectable()
export class QuestionRateLimit {
  private readonly counts = new Map<number, { minute: number; count: number }>();

  take(userId: number, now = Date.now()): void {
    const minute = Math.floor(now / MINUTE_MS);
    const current = this.counts.get(userId);
    const count = current?.minute === minute ? current.count + 1 : 1;
    if (count > QUESTIONS_PER_MINUTE) {
      const retryAfter = Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000);
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `questions: at most ${QUESTIONS_PER_MINUTE} a minute; ask again in ${retryAfter} s`,
        { 'Retry-After': String(retryAfter) },
      );
    }
    // Past minutes' counts are dropped as their users come back; a user who never does leaves one entry.
    this.counts.set(userId, { minute, count });
  }
}
