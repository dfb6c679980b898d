import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropColumns } from './drop-columns.js';

/** Scroll depth goals: how far down its page a `scroll` goal's visit must have scrolled, in percent. */
export class ScrollGoals1763900000017 implements MigrationInterface {
  name = 'ScrollGoals1763900000017';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('goals', [
      new TableColumn({ name: 'scroll_depth', type: 'integer', isNullable: true }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumns(runner, 'goals', ['scroll_depth']);
  }
}
