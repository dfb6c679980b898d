import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { generatedApiSchema, SCHEMA_PATH } from '../scripts/api-schema.js';

// It starts the backend's document writer (a Node process loading every controller): seconds on a busy machine,
// past Vitest's 5 s default.
test(
  "the panel's API types are generated from the backend's current OpenAPI description",
  { timeout: 60_000 },
  async () => {
    assert.equal(
      readFileSync(SCHEMA_PATH, 'utf8'),
      await generatedApiSchema(),
      'src/api/schema.d.ts is stale: run npm run build -w backend && npm run api:schema -w frontend',
    );
  },
);
