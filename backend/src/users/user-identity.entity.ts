import { CreateDateColumn, Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's account at a single sign-on provider: its issuer and the subject (`sub`) it names the user by. */
@Entity('user_identities')
export class UserIdentity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  issuer!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
