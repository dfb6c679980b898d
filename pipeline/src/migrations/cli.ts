import { clickhouseTargetFromEnv } from '../clickhouse-target';
import { rollbackMigrations, runMigrations } from './migrations';

/** `npm run migrate` (up), or `npm run migrate -- down <version>`. */
async function main(): Promise<void> {
  const [command = 'up', to] = process.argv.slice(2);
  const target = { ...clickhouseTargetFromEnv('ADMIN'), log: console.log };
  if (command === 'up') {
    const { applied } = await runMigrations(target);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s).` : 'ClickHouse schema is up to date.',
    );
  } else if (command === 'down' && to !== undefined && /^\d+$/.test(to)) {
    const { reverted } = await rollbackMigrations({ ...target, to: Number(to) });
    console.log(`Reverted ${reverted.length} migration(s).`);
  } else {
    throw new Error('usage: migrate [up | down <version>]');
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
