import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/**
 * Segments: per site, a named list of filters and who saved it. They go with their site; a deleted author
 * leaves the segment, authorless. A site's names are its own: one name, one segment.
 */
export class Segments1763900000016 implements MigrationInterface {
  name = 'Segments1763900000016';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'segments',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '80' },
          { name: 'filters', type: 'text' },
          { name: 'author_id', type: 'integer', isNullable: true },
          createdColumn(runner, 'created_at'),
        ],
        foreignKeys: [
          {
            columnNames: ['site_id'],
            referencedTableName: 'sites',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['author_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          new TableIndex({ name: 'segments_site_name', columnNames: ['site_id', 'name'], isUnique: true }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('segments');
  }
}
