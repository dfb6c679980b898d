import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import { SignInCounts, type AttemptLimit } from './sign-in-counts.repository.js';
import { signInSource } from './sign-in-source.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** After the free attempts: 1, 2, 4, 8, then 15 minutes before each next one — about four guesses an hour. */
const GROWING_WAITS = { firstDelayMs: MINUTE_MS, maxDelayMs: 15 * MINUTE_MS, forgetAfterMs: DAY_MS };
/** One account from one source: the user's own typos, or one guesser. */
const PER_ACCOUNT_AND_SOURCE: AttemptLimit = { free: 5, ...GROWING_WAITS };
/** One source trying many accounts (password spraying). */
const PER_SOURCE: AttemptLimit = { free: 20, ...GROWING_WAITS };
/** One account from every source it never signed in from (a guesser with many addresses). */
const PER_ACCOUNT_FROM_NEW_SOURCES: AttemptLimit = { free: 20, ...GROWING_WAITS };
/** A source a user signed in from stays known this long after the last time. */
const KNOWN_FOR_MS = 90 * DAY_MS;

/** A sign-in attempt, counted before its password is checked; how it ended settles the counts. */
export interface SignInAttempt {
  /** Signed in: the count of this account at this source ends, the others get the attempt back, the source is known. */
  succeeded(): Promise<void>;
  /** Not a guess (the password was right; the TOTP code is still to come): every count gets it back. */
  withdrawn(): Promise<void>;
  /** Not checked (the server was busy): the account's counts get it back, the source's keeps it, bounding a flood. */
  unchecked(): Promise<void>;
}

const tooMany = (waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new DomainError(ErrorCode.TooManyRequests, `too many failed sign-ins: try again in ${wait}`, {
    'Retry-After': String(seconds),
  });
};

/**
 * Brute-force protection for password checks, shaped so that a guesser cannot lock a user out (OWASP's
 * advice against hard lockouts; the familiar-location idea of Microsoft Entra's smart lockout):
 *
 * - each account is limited per source (an IPv4 address or an IPv6 /64), with waits that grow rather
 *   than a lock, so guesses from elsewhere never make the user wait where they are;
 * - each source is limited across accounts (spraying one password over many);
 * - each account is limited across the sources it never signed in from, so many addresses don't buy
 *   many guesses — while the sources the user did sign in from stay open.
 *
 * An attempt is counted before the password is checked (a burst can't all slip in while argon2 runs)
 * and the counts live in the metadata database, so every backend sees the same ones.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly counts: SignInCounts) {}

  /** Counts an attempt at `account` (`user` when it exists) from `address`; 429 with Retry-After if it must wait. */
  async reserve(account: string, user: User | undefined, address: string): Promise<SignInAttempt> {
    const now = Date.now();
    const source = signInSource(address);
    const known = user !== undefined && (await this.counts.isKnown(user.id, source, now));
    const sourceCounter = `source:${source}`;
    const accountCounters: Array<[string, AttemptLimit]> = [
      [`account+source:${account}|${source}`, PER_ACCOUNT_AND_SOURCE],
      ...(known ? [] : [[`account:${account}`, PER_ACCOUNT_FROM_NEW_SOURCES] as [string, AttemptLimit]]),
    ];
    // The source first: once it must wait, its attempts write nothing more.
    const reserved: string[] = [];
    for (const [counter, limit] of [[sourceCounter, PER_SOURCE] as const, ...accountCounters]) {
      const retryAt = await this.counts.reserve(counter, limit, now);
      if (retryAt !== undefined) {
        await this.giveBack(reserved);
        throw tooMany(retryAt - now);
      }
      reserved.push(counter);
    }
    const [, pair] = reserved;
    return {
      succeeded: async () => {
        await this.counts.clear(pair);
        await this.giveBack(reserved.filter((counter) => counter !== pair));
        if (user) await this.counts.remember(user.id, source, Date.now() + KNOWN_FOR_MS);
      },
      withdrawn: () => this.giveBack(reserved),
      unchecked: () => this.giveBack(reserved.filter((counter) => counter !== sourceCounter)),
    };
  }

  /** Forgets counts a day after their last attempt, and sources not signed in from for 90 days. */
  removeExpired(): Promise<number> {
    return this.counts.removeExpired(Date.now());
  }

  private async giveBack(counters: string[]): Promise<void> {
    for (const counter of counters) await this.counts.giveBack(counter);
  }
}
