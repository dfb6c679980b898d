import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/** Goals: per site, a page pattern or an event name with an optional property match. They go with their site. */
export class Goals1763900000009 implements MigrationInterface {
  name = 'Goals1763900000009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'goals',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'match', type: 'varchar', length: '2048' },
          { name: 'property_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'property_value', type: 'varchar', length: '512', isNullable: true },
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
        indices: [new TableIndex({ name: 'goals_site', columnNames: ['site_id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('goals');
  }
}
