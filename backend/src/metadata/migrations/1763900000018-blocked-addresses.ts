import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/** A site's blocked addresses: client addresses and ranges whose events the edge drops (JSON, none at first). */
export class BlockedAddresses1763900000018 implements MigrationInterface {
  name = 'BlockedAddresses1763900000018';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sites', [
      new TableColumn({ name: 'blocked_addresses', type: 'text', default: "'[]'" }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'sites', ['blocked_addresses']);
  }
}
