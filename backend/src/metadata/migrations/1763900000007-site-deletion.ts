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

  /**
   * Before this migration a deleted site had no row, so the erased ones go with their grants: kept, they
   * would come back to life, their keys accepted again. A site whose data is still being erased stops
   * the revert, since the older code would never finish erasing it.
   */
  async down(runner: QueryRunner): Promise<void> {
    const pending = (await runner.query(
      'SELECT id FROM sites WHERE deleted_at IS NOT NULL AND erased_at IS NULL ORDER BY id',
    )) as Array<{ id: number }>;
    if (pending.length > 0) {
      throw new Error(
        `sites ${pending.map(({ id }) => id).join(', ')} are being deleted: revert once their data is erased (GET /api/sites/:id/status)`,
      );
    }
    const erased = 'SELECT id FROM sites WHERE erased_at IS NOT NULL';
    await runner.query(`DELETE FROM site_grants WHERE site_id IN (${erased})`);
    await runner.query(`DELETE FROM sites WHERE id IN (${erased})`);
    await dropColumns(runner, 'sites', ['erased_at', 'deleted_at']);
  }
}
