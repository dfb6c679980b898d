import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { WorkQueue } from '../common/work-queue.js';
import { Metrics } from '../observability/metrics.js';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per guess. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** argon2 runs on libuv's thread pool (4 threads): no more at once than cores, nor than those threads. */
const WORKERS = Math.min(availableParallelism(), 4);
/** Beyond this many waiting, a request is refused (503) rather than queued behind a second or more of work. */
const MAX_WAITING = 16 * WORKERS;

/**
 * Every argon2 hash and verification, through one bounded queue: a burst of sign-ins (or a flood of
 * guesses that got past the throttle, from many addresses) waits its turn on a few cores or is refused
 * with Retry-After, instead of taking 19 MiB and a thread each and stalling the API.
 */
@Injectable()
export class Passwords implements OnModuleInit {
  private readonly queue = new WorkQueue(WORKERS, MAX_WAITING, () => {
    this.metrics.passwordWorkRefused.inc();
    return new DomainError(ErrorCode.Busy, 'the server is busy checking passwords: try again in a moment', {
      'Retry-After': '1',
    });
  });
  /** What an unknown account's password is checked against, so it takes as long to refuse as a wrong one. */
  private decoy = '';

  constructor(private readonly metrics: Metrics) {}

  async onModuleInit(): Promise<void> {
    this.decoy = await argon2.hash(randomBytes(16).toString('hex'), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return this.queue.run(() => argon2.hash(password, OPTIONS));
  }

  /** False for a wrong password, a hash this library can't read, and no hash at all (checked against the decoy). */
  verify(hash: string | undefined, password: string): Promise<boolean> {
    return this.queue.run(async () => {
      this.metrics.passwordVerifications.inc();
      const valid = await argon2.verify(hash ?? this.decoy, password).catch(() => false);
      return hash !== undefined && valid;
    });
  }
}

/** A one-time password (144 random bits): shown once, to be changed at the first login. */
export const oneTimePassword = () => randomBytes(18).toString('base64url');
