import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

const bySite = {
  columnNames: ['site_id'],
  referencedTableName: 'sites',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
};

/**
 * Dashboards of a site with their widgets (saved report views, never SQL), and shared links to a dashboard
 * or to one report view (a hashed token, an optional argon2id password, an expiry, a per-minute count).
 * All go with their site; widgets and links with their dashboard.
 */
export class Dashboards1763900000010 implements MigrationInterface {
  name = 'Dashboards1763900000010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'dashboards',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          createdColumn(runner, 'created_at'),
        ],
        foreignKeys: [bySite],
        indices: [new TableIndex({ name: 'dashboards_site', columnNames: ['site_id'] })],
      }),
    );
    const byDashboard = {
      columnNames: ['dashboard_id'],
      referencedTableName: 'dashboards',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    };
    await runner.createTable(
      new Table({
        name: 'dashboard_widgets',
        columns: [
          idColumn,
          { name: 'dashboard_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'report_key', type: 'varchar', length: '32' },
          { name: 'query', type: 'varchar', length: '2048' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'dimension', type: 'varchar', length: '32', isNullable: true },
          { name: 'width', type: 'integer' },
        ],
        foreignKeys: [byDashboard],
        indices: [new TableIndex({ name: 'dashboard_widgets_dashboard', columnNames: ['dashboard_id'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'shared_links',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'dashboard_id', type: 'integer', isNullable: true },
          { name: 'report_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'query', type: 'varchar', length: '2048', isNullable: true },
          { name: 'hash', type: 'varchar', length: '43', isUnique: true },
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'expires_at', type: 'bigint', isNullable: true },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
          createdColumn(runner, 'created_at'),
          { name: 'window_start', type: 'bigint', default: 0 },
          { name: 'window_requests', type: 'integer', default: 0 },
        ],
        foreignKeys: [bySite, byDashboard],
        indices: [new TableIndex({ name: 'shared_links_site', columnNames: ['site_id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('shared_links');
    await runner.dropTable('dashboard_widgets');
    await runner.dropTable('dashboards');
  }
}
