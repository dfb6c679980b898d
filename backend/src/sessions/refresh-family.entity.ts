import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../metadata/epoch-ms-column.js';

/**
 * One login's chain of refresh tokens. Only hashes are kept: a copy of the database signs no one in.
 * `previousHash` stays valid for a grace period after a rotation, for another tab sending it at once.
 */
@Entity('refresh_families')
export class RefreshFamily {
  @PrimaryColumn({ type: 'varchar', length: 22 })
  id!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ name: 'current_hash', type: 'varchar', length: 43 })
  currentHash!: string;

  @Column({ name: 'previous_hash', type: 'varchar', length: 43, nullable: true })
  previousHash!: string | null;

  @Column(epochMsColumn('rotated_at'))
  rotatedAt!: number;

  @Column(epochMsColumn('expires_at'))
  expiresAt!: number;
}
