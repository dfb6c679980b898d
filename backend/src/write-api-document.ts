import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { apiDocument } from './api-docs.js';
import { AppModule } from './app.module.js';
import { useApiPrefix } from './app.js';
import { loadAppConfig } from './config/app-config.js';

/**
 * Writes the API's OpenAPI document (JSON) to the file named by the first argument, or to stdout, without
 * running the API: Nest's preview mode reads the modules, controllers and DTOs and instantiates nothing, so
 * no database or ClickHouse is reached. The panel's typed client is generated from it (frontend/scripts).
 */
/**
 * Settings that only have to validate: preview mode connects to nothing. Fixed rather than read from the
 * environment, so the document is the same on every machine.
 */
const PREVIEW_SETTINGS = {
  SLUICE_JWT_SECRET: 'preview-only-never-used-to-sign-anything',
  CLICKHOUSE_URL: 'http://127.0.0.1:8123',
  CLICKHOUSE_ADMIN_PASSWORD: 'preview',
  CLICKHOUSE_READER_PASSWORD: 'preview',
  BACKEND_DATA_DIR: '/nonexistent',
  SLUICE_SITES_FILE: '/nonexistent/sites.json',
};

async function main(): Promise<void> {
  const config = loadAppConfig(PREVIEW_SETTINGS);
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  useApiPrefix(app);
  const json = `${JSON.stringify(apiDocument(app), null, 2)}\n`;
  const [target] = process.argv.slice(2);
  if (target) writeFileSync(target, json);
  else process.stdout.write(json);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
