import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

/**
 * Annotations: per site, a note on a day of its charts and who wrote it. They go with their site; a deleted
 * author leaves the note, authorless.
 */
export class Annotations1763900000015 implements MigrationInterface {
  name = 'Annotations1763900000015';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'annotations',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'text', type: 'varchar', length: '280' },
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
        // A chart asks for one site's notes over a range of days.
        indices: [new TableIndex({ name: 'annotations_site_date', columnNames: ['site_id', 'date'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('annotations');
  }
}
