import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/** Sites move from the sites file into the metadata database (the file becomes an export of this table). */
export class Sites1763900000001 implements MigrationInterface {
  name = 'Sites1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'sites',
        columns: [
          idColumn,
          { name: 'key', type: 'varchar', length: '64', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'domain', type: 'varchar', length: '253' },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'allowed_origins', type: 'text' },
          { name: 'privacy_mode', type: 'varchar', length: '16' },
          { name: 'bot_policy', type: 'varchar', length: '8' },
          { name: 'retention_months', type: 'integer', isNullable: true },
          { name: 'signing_secrets', type: 'text' },
          createdColumn(runner, 'created_at'),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sites');
  }
}
