import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { purposeKey } from '../auth/sealed.js';
import type { AppConfig } from '../config/app-config.js';

/** Where a generated secret is kept when SLUICE_AI_KEY_SECRET is unset: the backend's data folder. */
export const GENERATED_SECRET_FILE = 'ai-provider.secret';

/** Injection token of the AES-256-GCM key the AI provider's API key is sealed under. */
export const PROVIDER_KEY_KEY = Symbol('ProviderKeyKey');

/**
 * The key that seals the provider's API key: from SLUICE_AI_KEY_SECRET, else from a secret generated on
 * the first start into a file of the data folder (mode 0600) — never from anything kept in the metadata
 * database beside the ciphertext, so a copy of the database alone does not reveal the key. Backends
 * sharing one PostgreSQL each have their own data folder: they must share SLUICE_AI_KEY_SECRET instead.
 */
export function providerKeyKey(config: Pick<AppConfig, 'ai' | 'dataDir'>): Buffer {
  return purposeKey(config.ai.keySecret ?? generatedSecret(config.dataDir), 'ai provider key');
}

/** The data folder's secret, written once: `wx` fails if another start wrote it first, and then that one is read. */
function generatedSecret(dataDir: string): string {
  const file = join(dataDir, GENERATED_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
