import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from './column-types.js';
import { dropColumns } from './drop-columns.js';

/**
 * A deleted site stays as a row: when its deletion was asked for, and when its data was erased. The edge
 * and every list leave it out at once; the data goes once the pipeline has passed the moment intake
 * stopped, and the id is never given to another site (a later sweep erases late rows by it).
 */
export class SiteDeletion1763900000007 implements MigrationInterface {
  name = 'SiteDeletion1763900000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sites', [
      new TableColumn({ name: 'deleted_at', type: timestampType(runner), isNullable: true }),
      new TableColumn({ name: 'erased_at', type: timestampType(runner), isNullable: true }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'sites', ['erased_at', 'deleted_at']);
  }
}
