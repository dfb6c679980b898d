import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/**
 * Feature flags of a site: a key unique within the site, on/off, a rollout percentage, variants and targeting
 * rules (JSON text: read and written whole, never queried). They go with their site.
 */
export class FeatureFlags1763900000011 implements MigrationInterface {
  name = 'FeatureFlags1763900000011';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'feature_flags',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'key', type: 'varchar', length: '64' },
          { name: 'description', type: 'varchar', length: '500', default: "''" },
          { name: 'enabled', type: 'boolean', default: false },
          { name: 'rollout', type: 'integer', default: 100 },
          { name: 'variants', type: 'text' },
          { name: 'rules', type: 'text' },
          createdColumn(runner, 'created_at'),
        ],
        foreignKeys: [
          {
            columnNames: ['site_id'],
            referencedTableName: 'sites',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          new TableIndex({ name: 'feature_flags_site_key', columnNames: ['site_id', 'key'], isUnique: true }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('feature_flags');
  }
}
