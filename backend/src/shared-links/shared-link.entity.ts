import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMsColumn, optionalEpochMsColumn } from '../metadata/epoch-ms-column.js';

/**
 * A read-only public link to a dashboard of a site, or to one saved report view of it. Only a keyed hash of
 * its token is kept (the token is shown once); a revoked or expired link is kept as the record of it and
 * answers like one that never existed. Its requests this minute are counted here, so every backend sharing
 * the database limits them together.
 */
@Entity('shared_links')
export class SharedLink {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  /** The dashboard shown; null for a link to one report view. */
  @Column({ name: 'dashboard_id', type: 'integer', nullable: true })
  dashboardId!: number | null;

  /** A link to one report view: the page's key and query string (as a widget saves them). */
  @Column({ name: 'report_key', type: 'varchar', length: 32, nullable: true })
  reportKey!: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  query!: string | null;

  /** HMAC-SHA-256 of the token (shared-link-tokens.ts), base64url. */
  @Column({ type: 'varchar', length: 43, unique: true })
  hash!: string;

  /** The token's first characters, to tell links apart in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** argon2id, like a user's password; null: no password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column(optionalEpochMsColumn('expires_at'))
  expiresAt!: number | null;

  @Column(optionalEpochMsColumn('revoked_at'))
  revokedAt!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** The start of the minute the link's requests are being counted in (ms since the epoch). */
  @Column(epochMsColumn('window_start'))
  windowStart!: number;

  @Column({ name: 'window_requests', type: 'integer' })
  windowRequests!: number;
}
