import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from './column-types.js';

/** The install's AI provider (one row at most): kind, base URL, model, sealed API key, naming switch and budget. */
export class AiProvider1763900000012 implements MigrationInterface {
  name = 'AiProvider1763900000012';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'ai_provider',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'base_url', type: 'varchar', length: '2048' },
          { name: 'model', type: 'varchar', length: '200' },
          { name: 'sealed_api_key', type: 'text', isNullable: true },
          { name: 'naming_enabled', type: 'boolean' },
          { name: 'daily_call_budget', type: 'integer' },
          { name: 'updated_at', type: timestampType(runner), default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('ai_provider');
  }
}
