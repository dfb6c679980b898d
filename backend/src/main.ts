import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('Backend').log(`Backend listening on http://${config.host}:${config.port}`);
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: its message says which variable and how; anything else keeps its stack.
  const reason =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`The backend could not start: ${reason}`);
  process.exit(1);
});
