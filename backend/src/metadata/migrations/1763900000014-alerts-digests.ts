import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdColumn, idColumn } from './column-types.js';

const cascadeTo = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/**
 * Alert rules of a site with their channels, firings and delivery attempts (all go with their site, then
 * their rule), and users' opt-ins to a site's weekly digest (going with the user or the site).
 */
export class AlertsDigests1763900000014 implements MigrationInterface {
  name = 'AlertsDigests1763900000014';

  async up(runner: QueryRunner): Promise<void> {
    const moment = (name: string, nullable = true) => ({ name, type: 'bigint', isNullable: nullable });
    await runner.createTable(
      new Table({
        name: 'alert_rules',
        columns: [
          idColumn,
          { name: 'site_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'signal', type: 'varchar', length: '24' },
          { name: 'metric', type: 'varchar', length: '32', isNullable: true },
          { name: 'filters', type: 'varchar', length: '4096', isNullable: true },
          { name: 'goal_id', type: 'integer', isNullable: true },
          { name: 'window_minutes', type: 'integer' },
          { name: 'condition', type: 'varchar', length: '16' },
          { name: 'threshold', type: 'double precision' },
          { name: 'consecutive', type: 'integer' },
          { name: 'cooldown_minutes', type: 'integer' },
          { name: 'enabled', type: 'boolean', default: true },
          { name: 'state', type: 'varchar', length: '8', default: "'ok'" },
          { name: 'streak', type: 'integer', default: 0 },
          { name: 'last_value', type: 'double precision', isNullable: true },
          moment('last_evaluated_at'),
          moment('last_fired_at'),
          { name: 'counters', type: 'varchar', length: '200', isNullable: true },
          createdColumn(runner, 'created_at'),
        ],
        foreignKeys: [cascadeTo('site_id', 'sites'), cascadeTo('goal_id', 'goals')],
        indices: [new TableIndex({ name: 'alert_rules_site', columnNames: ['site_id'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'alert_channels',
        columns: [
          idColumn,
          { name: 'rule_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'target', type: 'varchar', length: '2048' },
          { name: 'sealed_secret', type: 'varchar', length: '200', isNullable: true },
        ],
        foreignKeys: [cascadeTo('rule_id', 'alert_rules')],
        indices: [new TableIndex({ name: 'alert_channels_rule', columnNames: ['rule_id'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'alert_firings',
        columns: [
          idColumn,
          { name: 'rule_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'value', type: 'double precision' },
          { name: 'threshold', type: 'double precision' },
          moment('fired_at', false),
          moment('resolved_at'),
        ],
        foreignKeys: [cascadeTo('rule_id', 'alert_rules')],
        indices: [new TableIndex({ name: 'alert_firings_rule', columnNames: ['rule_id', 'fired_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'alert_deliveries',
        columns: [
          idColumn,
          { name: 'firing_id', type: 'integer' },
          // No foreign key: a channel removed from its rule keeps its past deliveries in the history.
          { name: 'channel_id', type: 'integer' },
          { name: 'channel_kind', type: 'varchar', length: '8' },
          { name: 'notice', type: 'varchar', length: '12' },
          { name: 'attempt', type: 'integer' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          moment('attempted_at', false),
        ],
        foreignKeys: [cascadeTo('firing_id', 'alert_firings')],
        indices: [new TableIndex({ name: 'alert_deliveries_firing', columnNames: ['firing_id'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'digest_subscriptions',
        columns: [
          idColumn,
          { name: 'user_id', type: 'integer' },
          { name: 'site_id', type: 'integer' },
          { name: 'last_week', type: 'varchar', length: '10', isNullable: true },
        ],
        foreignKeys: [cascadeTo('user_id', 'users'), cascadeTo('site_id', 'sites')],
        indices: [
          new TableIndex({
            name: 'digest_subscriptions_user_site',
            columnNames: ['user_id', 'site_id'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('digest_subscriptions');
    await runner.dropTable('alert_deliveries');
    await runner.dropTable('alert_firings');
    await runner.dropTable('alert_channels');
    await runner.dropTable('alert_rules');
  }
}
