import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/** A site's blocked pages: page path patterns whose events the edge drops (a JSON list, none at first). */
export class BlockedPages1763900000019 implements MigrationInterface {
  name = 'BlockedPages1763900000019';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sites', [
      new TableColumn({ name: 'blocked_pages', type: 'text', default: "'[]'" }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'sites', ['blocked_pages']);
  }
}
