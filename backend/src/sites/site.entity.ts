import type { BotPolicy, PrivacyMode } from '@sluice/config';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tracked site and its settings; the sites file the edge reads is exported from these rows. */
@Entity('sites')
export class SiteRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The public key the tracker sends. */
  @Column({ type: 'varchar', length: 64, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 253 })
  domain!: string;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** Page origins whose beacons the edge accepts; empty accepts any. */
  @Column({ name: 'allowed_origins', type: 'simple-json' })
  allowedOrigins!: string[];

  /** Client addresses and CIDR ranges whose events the edge drops unseen; empty blocks none. */
  @Column({ name: 'blocked_addresses', type: 'simple-json' })
  blockedAddresses!: string[];

  /** Countries (ISO 3166-1 alpha-2) whose visitors' events the edge drops unseen; empty blocks none. */
  @Column({ name: 'blocked_countries', type: 'simple-json' })
  blockedCountries!: string[];

  /** Page path patterns whose events the edge drops unseen; empty blocks none. */
  @Column({ name: 'blocked_pages', type: 'simple-json' })
  blockedPages!: string[];

  @Column({ name: 'privacy_mode', type: 'varchar', length: 16 })
  privacyMode!: PrivacyMode;

  @Column({ name: 'bot_policy', type: 'varchar', length: 8 })
  botPolicy!: BotPolicy;

  /** Months of this site's data kept, if fewer than the server keeps; null: the server's setting. */
  @Column({ name: 'retention_months', type: 'integer', nullable: true })
  retentionMonths!: number | null;

  /** Keys of the site's signed server-side batches (they make the sites file secret). */
  @Column({ name: 'signing_secrets', type: 'simple-json' })
  signingSecrets!: string[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** When its deletion was asked for: from then on the site is gone for the edge and every list. */
  @Column({ name: 'deleted_at', type: Date, nullable: true })
  deletedAt!: Date | null;

  /** When its data was erased from ClickHouse, the end of its deletion. */
  @Column({ name: 'erased_at', type: Date, nullable: true })
  erasedAt!: Date | null;
}
