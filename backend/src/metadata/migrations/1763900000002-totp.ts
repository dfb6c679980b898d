import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/** TOTP two-factor sign-in: a user's shared secret, and whether it is in use. */
export class Totp1763900000002 implements MigrationInterface {
  name = 'Totp1763900000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('users', [
      new TableColumn({ name: 'totp_secret', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'totp_enabled', type: 'boolean', default: false }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'users', ['totp_enabled', 'totp_secret']);
  }
}
