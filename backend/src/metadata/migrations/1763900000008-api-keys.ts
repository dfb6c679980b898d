import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/**
 * API keys: a user's keys for reading reports from scripts and dashboards, stored as keyed hashes with a
 * short prefix to recognise them by, and each key's count of requests in the current minute (the rate
 * limit, shared by every backend on the database). A deleted user's keys go with them.
 */
export class ApiKeys1763900000008 implements MigrationInterface {
  name = 'ApiKeys1763900000008';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          idColumn,
          { name: 'user_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'hash', type: 'varchar', length: '43', isUnique: true },
          createdColumn(runner, 'created_at'),
          { name: 'last_used_at', type: 'bigint', isNullable: true },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
          { name: 'window_start', type: 'bigint', default: 0 },
          { name: 'window_requests', type: 'integer', default: 0 },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [new TableIndex({ name: 'api_keys_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('api_keys');
  }
}
