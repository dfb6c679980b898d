import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('Backend').log(`Backend listening on http://${config.host}:${config.port}`);
}

main().catch((error: unknown) => {
  console.error(`The backend could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
