import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/** Users, their site grants and the audit log. Written with TypeORM's table API: the same on SQLite and PostgreSQL. */
export class UsersGrantsAudit1763900000000 implements MigrationInterface {
  name = 'UsersGrantsAudit1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn,
          { name: 'email', type: 'varchar', length: '320', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'must_change_password', type: 'boolean', default: false },
          createdColumn(runner, 'created_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'site_grants',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'site_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          idColumn,
          createdColumn(runner, 'at'),
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'actor_email', type: 'varchar', length: '320' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target', type: 'varchar', length: '64' },
          { name: 'details', type: 'text', default: "'{}'" },
        ],
      }),
    );
    await runner.createIndex(
      'site_grants',
      new TableIndex({ name: 'site_grants_site', columnNames: ['site_id'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_log');
    await runner.dropTable('site_grants');
    await runner.dropTable('users');
  }
}
