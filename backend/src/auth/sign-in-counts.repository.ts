import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { KnownSource } from './known-source.entity.js';
import { SignInCount } from './sign-in-count.entity.js';

/** How one limit grows: a few attempts free, then a wait before each next one that doubles up to a ceiling. */
export interface AttemptLimit {
  free: number;
  /** The wait after the last free attempt. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A count with no attempt for this long starts again from zero. */
  forgetAfterMs: number;
}

/**
 * One statement, so that counting is atomic on SQLite and on PostgreSQL alike, across every backend:
 * either the count is not blocked and grows by one (and, past the free attempts, blocks the next for
 * `firstDelayMs · 2^(attempts − free)`, at most `maxDelayMs`), returning a row, or it is blocked and
 * nothing changes, returning none. Parameters are CAST so PostgreSQL knows their types.
 */
const RESERVE = `
INSERT INTO sign_in_attempts (counter, attempts, blocked_until, expires_at)
VALUES (:counter, 1, CAST(:firstBlockedUntil AS bigint), CAST(:expiresAt AS bigint))
ON CONFLICT (counter) DO UPDATE SET
  attempts = CASE WHEN sign_in_attempts.expires_at <= CAST(:now AS bigint) THEN 1
    ELSE sign_in_attempts.attempts + 1 END,
  blocked_until = CASE
    WHEN sign_in_attempts.expires_at <= CAST(:now AS bigint) THEN CAST(:firstBlockedUntil AS bigint)
    WHEN sign_in_attempts.attempts + 1 < CAST(:free AS integer) THEN 0
    WHEN sign_in_attempts.attempts + 1 - CAST(:free AS integer) >= CAST(:doublings AS integer)
      THEN CAST(:now AS bigint) + CAST(:maxDelayMs AS bigint)
    ELSE CAST(:now AS bigint)
      + (CAST(:firstDelayMs AS bigint) << (sign_in_attempts.attempts + 1 - CAST(:free AS integer)))
  END,
  expires_at = CAST(:expiresAt AS bigint)
WHERE sign_in_attempts.blocked_until <= CAST(:now AS bigint)
RETURNING attempts`;

/** The login throttle's counts and the users' known sources, in the metadata database every backend shares. */
@Injectable()
export class SignInCounts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SignInCount) private readonly counts: Repository<SignInCount>,
    @InjectRepository(KnownSource) private readonly sources: Repository<KnownSource>,
  ) {}

  /** Counts an attempt under `counter`; undefined when counted, else when the counter takes one again. */
  async reserve(counter: string, limit: AttemptLimit, now: number): Promise<number | undefined> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(RESERVE, {
      counter,
      now,
      free: limit.free,
      firstDelayMs: limit.firstDelayMs,
      maxDelayMs: limit.maxDelayMs,
      doublings: Math.ceil(Math.log2(limit.maxDelayMs / limit.firstDelayMs)),
      firstBlockedUntil: limit.free <= 1 ? now + limit.firstDelayMs : 0,
      expiresAt: now + limit.forgetAfterMs,
    });
    const counted = (await this.dataSource.query(sql, parameters)) as unknown[];
    if (counted.length > 0) return undefined;
    return (await this.counts.findOneBy({ counter }))?.blockedUntil ?? now;
  }

  /** Takes back one counted attempt (one that turned out not to be a guess). */
  async giveBack(counter: string): Promise<void> {
    await this.counts
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts - 1' })
      .where('counter = :counter AND attempts > 0', { counter })
      .execute();
  }

  async clear(counter: string): Promise<void> {
    await this.counts.delete({ counter });
  }

  isKnown(userId: number, source: string, now: number): Promise<boolean> {
    return this.sources.existsBy({ userId, source, expiresAt: MoreThan(now) });
  }

  async remember(userId: number, source: string, until: number): Promise<void> {
    await this.sources.upsert({ userId, source, expiresAt: until }, ['userId', 'source']);
  }

  /** Removes counts and known sources past their time; how many went. */
  async removeExpired(now: number): Promise<number> {
    const counts = await this.counts.delete({ expiresAt: LessThanOrEqual(now) });
    const sources = await this.sources.delete({ expiresAt: LessThanOrEqual(now) });
    return (counts.affected ?? 0) + (sources.affected ?? 0);
  }
}
