import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../metadata/epoch-ms-column.js';

/** One limit's count of sign-in attempts (`LoginThrottle`): per account and source, per source, per account. */
@Entity('sign_in_attempts')
export class SignInCount {
  /** Which limit: `account+source:<email>|<source>`, `source:<source>` or `account:<email>`. */
  @PrimaryColumn({ type: 'varchar', length: 400 })
  counter!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  /** No attempt is counted (or checked) before this. */
  @Column(epochMsColumn('blocked_until'))
  blockedUntil!: number;

  /** The count starts again from zero after this, a day after its last attempt. */
  @Column(epochMsColumn('expires_at'))
  expiresAt!: number;
}
