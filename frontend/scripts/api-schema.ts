import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

/**
 * The panel's API types, generated from the backend's OpenAPI description: the backend writes its document
 * without running (backend/src/write-api-document.ts), openapi-typescript turns it into `src/api/schema.d.ts`.
 * `npm run api:schema -w frontend` rewrites the file; test/api-schema.test.ts fails while it is stale.
 */

// Run from source (Node strips the types; Vitest imports it for the freshness test): the frontend folder is one
// level up, the repository two.
const FRONTEND_DIR = fileURLToPath(new URL('../', import.meta.url));
const DOCUMENT_WRITER = fileURLToPath(
  new URL('../../backend/dist/src/write-api-document.js', import.meta.url),
);
export const SCHEMA_PATH = `${FRONTEND_DIR}src/api/schema.d.ts`;

const HEADER =
  '// Generated from the backend’s OpenAPI description by frontend/scripts/api-schema.ts: do not edit.\n' +
  '// After changing a controller or DTO: npm run build -w backend && npm run api:schema -w frontend\n\n';

export async function generatedApiSchema(): Promise<string> {
  const document = execFileSync(process.execPath, [DOCUMENT_WRITER], { encoding: 'utf8' });
  return HEADER + astToString(await openapiTS(JSON.parse(document) as OpenAPI3));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, await generatedApiSchema());
  console.log(`Wrote ${SCHEMA_PATH}`);
}
