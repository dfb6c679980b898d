import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Login throttling moves into the metadata database, which every backend shares: counts of sign-in
 * attempts per limit (reserved before a password is checked), and the address prefixes each user has
 * signed in from.
 */
export class SignInAttempts1763900000003 implements MigrationInterface {
  name = 'SignInAttempts1763900000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'sign_in_attempts',
        columns: [
          { name: 'counter', type: 'varchar', length: '400', isPrimary: true },
          { name: 'attempts', type: 'integer' },
          { name: 'blocked_until', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'sign_in_attempts_expiry', columnNames: ['expires_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'known_sign_in_sources',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'source', type: 'varchar', length: '64', isPrimary: true },
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
        indices: [new TableIndex({ name: 'known_sign_in_sources_expiry', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('known_sign_in_sources');
    await runner.dropTable('sign_in_attempts');
  }
}
