import { readSettings, SettingsError } from '@sluice/config';
import { clickhouseTargetFromEnv } from '../clickhouse-target';
import { dropExpiredPartitions } from './retention';

/** `npm run retention`: drops the months older than RETENTION_MONTHS from the events and rollups. */
async function main(): Promise<void> {
  const months = readSettings(process.env, ['RETENTION_MONTHS']).RETENTION_MONTHS;
  if (months === undefined) throw new SettingsError(['RETENTION_MONTHS must be set']);
  const { dropped } = await dropExpiredPartitions({
    ...clickhouseTargetFromEnv('ADMIN'),
    months,
    log: console.log,
  });
  console.log(dropped.length ? `Dropped ${dropped.length} partition(s).` : 'Nothing older to drop.');
}

main().catch((error: unknown) => {
  console.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
