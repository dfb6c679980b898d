import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAppConfig } from '../config/app-config.js';
import { errorMessage } from '../common/error-message.js';
import { BackupError } from './backup-error.js';
import { listBackups } from './backup-folder.js';
import { writeBackup } from './backup-writer.js';
import { progressLine, type BackupProgress } from './progress.js';
import { restoreBackup } from './restore.js';
import { backupSourcesOf } from './sources.js';

const USAGE = `npm run backup -- [--folder DIR] [--incremental | --previous ARCHIVE] [--passphrase-file FILE]
npm run restore -- ARCHIVE [--passphrase-file FILE]
The passphrase: --passphrase-file (its first line), else SLUICE_BACKUP_PASSPHRASE.`;

/** Progress on stderr, one line per step (stdout carries only the result). */
const onProgress = (progress: BackupProgress) => console.error(progressLine(progress));

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      folder: { type: 'string' },
      incremental: { type: 'boolean', default: false },
      previous: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
  });
  const [command, archive] = positionals;
  const config = loadAppConfig(process.env);
  const sources = backupSourcesOf(config);
  const passphraseFile = values['passphrase-file'];
  const passphrase = passphraseFile
    ? readFileSync(passphraseFile, 'utf8').split('\n')[0]
    : config.backup.passphrase;
  if (command === 'backup') {
    const folder = values.folder ?? config.backup.folder;
    const newest = values.incremental ? (await listBackups(folder))[0]?.name : undefined;
    const previous = values.previous ?? (newest && join(folder, newest));
    const { file, manifest } = await writeBackup(sources, { folder, passphrase, previous, onProgress });
    const written = manifest.clickhouse.partitions.filter((copy) => copy.archive === null).length;
    console.log(
      `${file}: ${written} partition(s) written${manifest.previous ? `, the others unchanged since ${manifest.previous}` : ''}`,
    );
  } else if (command === 'restore' && archive) {
    const restored = await restoreBackup(sources, { archive, passphrase, onProgress });
    console.log(
      `Restored ${archive} (written ${restored.manifest.createdAt} by Sluice ${restored.manifest.sluiceVersion}): ${restored.partitions} partition(s), ${restored.rows} rows. Start the backend.`,
    );
  } else throw new BackupError(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A BackupError says what to do; anything else is unexpected, shown with its stack.
  console.error(
    error instanceof BackupError ? error.message : error instanceof Error ? error.stack : errorMessage(error),
  );
  process.exit(1);
});
