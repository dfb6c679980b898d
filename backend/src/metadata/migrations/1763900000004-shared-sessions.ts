import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/**
 * Sessions and secrets move from each backend's LMDB into the metadata database, so that backends sharing
 * a PostgreSQL share them: a logout, reset or reuse seen by one ends the session on all; a TOTP code used
 * on one is used on all; they sign access tokens with the same generated secret.
 */
export class SharedSessions1763900000004 implements MigrationInterface {
  name = 'SharedSessions1763900000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'refresh_families',
        columns: [
          { name: 'id', type: 'varchar', length: '22', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'current_hash', type: 'varchar', length: '43' },
          { name: 'previous_hash', type: 'varchar', length: '43', isNullable: true },
          { name: 'rotated_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          new TableIndex({ name: 'refresh_families_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'refresh_families_expiry', columnNames: ['expires_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'secrets',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255' },
        ],
      }),
    );
    await runner.addColumn(
      'users',
      new TableColumn({ name: 'totp_last_step', type: 'integer', isNullable: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'users', ['totp_last_step']);
    await runner.dropTable('secrets');
    await runner.dropTable('refresh_families');
  }
}
