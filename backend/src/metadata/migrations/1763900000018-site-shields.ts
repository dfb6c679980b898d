import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/**
 * A site's shields: client addresses and ranges, and countries, whose visitors' events the edge drops (JSON
 * lists, none at first).
 */
export class SiteShields1763900000018 implements MigrationInterface {
  name = 'SiteShields1763900000018';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sites', [
      new TableColumn({ name: 'blocked_addresses', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'blocked_countries', type: 'text', default: "'[]'" }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'sites', ['blocked_countries', 'blocked_addresses']);
  }
}
