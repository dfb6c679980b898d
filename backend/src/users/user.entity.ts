import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Lower-cased; the login name. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  /** argon2id, in its PHC string form (algorithm, parameters and salt included). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** Set for a one-time password (first start, a reset): every route but the password change answers 403. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** The shared secret of TOTP two-factor sign-in (base32); set from setup, used once enabled. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true })
  totpSecret!: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled!: boolean;

  /** The time step of the last TOTP code accepted: a code is accepted once, on every backend. */
  @Column({ name: 'totp_last_step', type: 'integer', nullable: true })
  totpLastStep!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
