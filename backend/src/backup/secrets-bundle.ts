import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../common/atomic-file.js';
import { SITES_FILE_MODE } from '../sites/sites-file.js';
import { readKeyFiles } from './data-folder.js';
import type { SecretColumnValues } from './secret-columns.js';
import { open, seal } from './sealed-secrets.js';

/** Where the sealed secrets go in the archive. */
export const SECRETS_FILE = 'secrets.sealed';

/** Key files hold secrets: the backend's account alone reads them. */
const KEY_FILE_MODE = 0o600;

/**
 * Everything secret a backup holds, sealed together: the metadata's secret columns, the sites file (it holds the
 * sites' signing keys) and the key files of the data folder.
 */
export interface SecretsBundle {
  columns: SecretColumnValues[];
  /** The sites file's text, or null where there was none. */
  sitesFile: string | null;
  /** File name in the data folder → its bytes, base64. */
  keyFiles: Record<string, string>;
}

export function gatherSecrets(
  columns: SecretColumnValues[],
  sitesFile: string,
  dataDir: string,
): SecretsBundle {
  return {
    columns,
    sitesFile: existsSync(sitesFile) ? readFileSync(sitesFile, 'utf8') : null,
    keyFiles: readKeyFiles(dataDir),
  };
}

export const sealSecrets = (bundle: SecretsBundle, passphrase: string): Promise<Buffer> =>
  seal(Buffer.from(JSON.stringify(bundle)), passphrase);

export const openSecrets = async (sealed: Buffer, passphrase: string): Promise<SecretsBundle> =>
  JSON.parse((await open(sealed, passphrase)).toString('utf8')) as SecretsBundle;

/** Writes the sites file and the key files back (the columns go back with the metadata). */
export function placeSecretFiles(bundle: SecretsBundle, sitesFile: string, dataDir: string): void {
  if (bundle.sitesFile !== null) writeFileAtomically(sitesFile, bundle.sitesFile, SITES_FILE_MODE);
  for (const [name, base64] of Object.entries(bundle.keyFiles))
    writeFileAtomically(join(dataDir, name), Buffer.from(base64, 'base64'), KEY_FILE_MODE);
}
