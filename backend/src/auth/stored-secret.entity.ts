import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A secret the backends generate once and share (the access tokens' signing key, when none is configured). */
@Entity('secrets')
export class StoredSecret {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;
}
