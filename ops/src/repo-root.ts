import { join } from 'node:path';

/** The repository root, from this file's compiled place (ops/dist/src). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
