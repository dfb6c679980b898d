import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn } from './column-types.js';

/**
 * Single sign-on links a user to the provider's account (issuer and subject) at the first sign-in and
 * matches on that afterwards: an email changed or reused at the provider no longer moves the account.
 * One account per user and provider.
 */
export class UserIdentities1763900000005 implements MigrationInterface {
  name = 'UserIdentities1763900000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'user_identities',
        columns: [
          { name: 'issuer', type: 'varchar', length: '255', isPrimary: true },
          { name: 'subject', type: 'varchar', length: '255', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          createdColumn(runner, 'created_at'),
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
          new TableIndex({
            name: 'user_identities_user_issuer',
            columnNames: ['user_id', 'issuer'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('user_identities');
  }
}
