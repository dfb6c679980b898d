import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMsColumn, optionalEpochMsColumn } from '../metadata/epoch-ms-column.js';

/**
 * A user's API key for reading reports from scripts. Only its keyed hash is kept (the key is shown once,
 * when created), with a short prefix of it to recognise it by in a list. The key's requests this minute
 * are counted here too, so every backend sharing the database counts them together.
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Whose sites the key reads: what that user may read at the time of each request. */
  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  /** What the user called it ("Grafana", "nightly export"). */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The key's first characters (`slk_` and 8 more): enough to tell keys apart, far too few to use one. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** HMAC-SHA-256 of the whole key (api-key-secret.ts), base64url. */
  @Column({ type: 'varchar', length: 43, unique: true })
  hash!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** The last request the key was counted for. */
  @Column(optionalEpochMsColumn('last_used_at'))
  lastUsedAt!: number | null;

  /** Set once revoked: the key is refused from then on, and kept only as the record of it. */
  @Column(optionalEpochMsColumn('revoked_at'))
  revokedAt!: number | null;

  /** The start of the minute the key's requests are being counted in (ms since the epoch). */
  @Column(epochMsColumn('window_start'))
  windowStart!: number;

  /** Requests counted in that minute. */
  @Column({ name: 'window_requests', type: 'integer' })
  windowRequests!: number;
}
