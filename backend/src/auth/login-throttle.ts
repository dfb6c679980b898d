import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { StateStore, type Expiring } from '../state/state-store.js';

/** Failed logins counted per account and per client address, over a window that starts at the first failure. */
const WINDOW_MS = 15 * 60_000;
/** An account takes this many wrong passwords per window (a guessing attack on one account)… */
const MAX_PER_ACCOUNT = 5;
/** …and an address this many failures (one client trying many accounts). */
const MAX_PER_ADDRESS = 20;

/** Failures of a window, which ends WINDOW_MS after its first failure. */
interface Failures extends Expiring {
  count: number;
}

const accountKey = (email: string) => `throttle:account:${email}`;
const addressKey = (address: string) => `throttle:address:${address}`;

/** Brute-force protection for the login, in the LMDB state. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly state: StateStore) {}

  /** 429 with Retry-After while the account or the address has failed too often. */
  check(email: string, address: string): void {
    const now = Date.now();
    const blockedUntil = Math.max(
      this.blockedUntil(accountKey(email), MAX_PER_ACCOUNT, now),
      this.blockedUntil(addressKey(address), MAX_PER_ADDRESS, now),
    );
    if (blockedUntil > now) {
      const seconds = Math.ceil((blockedUntil - now) / 1000);
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minutes`,
        { 'Retry-After': String(seconds) },
      );
    }
  }

  recordFailure(email: string, address: string): void {
    const now = Date.now();
    for (const key of [accountKey(email), addressKey(address)])
      this.state.update<Failures>(key, (failures) =>
        failures && now < failures.expiresAt
          ? { count: failures.count + 1, expiresAt: failures.expiresAt }
          : { count: 1, expiresAt: now + WINDOW_MS },
      );
  }

  /** A correct password clears the account's count (not the address's: it may be trying other accounts). */
  recordSuccess(email: string): void {
    this.state.remove(accountKey(email));
  }

  private blockedUntil(key: string, max: number, now: number): number {
    const failures = this.state.get<Failures>(key);
    if (!failures || failures.count < max || now >= failures.expiresAt) return 0;
    return failures.expiresAt;
  }
}
