import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../metadata/epoch-ms-column.js';

/** An address prefix a user signed in from: guesses from elsewhere can't make that user wait there. */
@Entity('known_sign_in_sources')
export class KnownSource {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  source!: string;

  @Column(epochMsColumn('expires_at'))
  expiresAt!: number;
}
