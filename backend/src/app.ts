import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { setUpApiDocs } from './api-docs.js';
import { validationPipe } from './common/validation.pipe.js';
import { Metrics, requestMetrics } from './observability/metrics.js';
import type { AppConfig } from './config/app-config.js';

/**
 * The application as it runs, for `main.ts` and the tests alike. `app.init()`/`listen()` runs the
 * migrations. Logs are pino's JSON lines unless a test passes its own `logger`.
 */
export async function createApp(
  config: AppConfig,
  logger?: LoggerService | LogLevel[],
): Promise<INestApplication> {
  // abortOnError: false, so a failed start rejects (main prints it and exits 1) instead of aborting the process.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    ...(logger ? { logger } : { bufferLogs: true }),
    abortOnError: false,
  });
  if (!logger) app.useLogger(app.get(PinoLogger));
  // The edge (on loopback, or a private address in the compose network) forwards the client's address
  // and scheme: login throttling counts clients, and the session cookie is Secure over TLS.
  app.set('trust proxy', ['loopback', 'uniquelocal']);
  app.use(helmet());
  app.use(requestMetrics(app.get(Metrics)));
  // The panel is served by the edge from the API's own origin: no cross-origin caller at all, unless
  // SLUICE_ADMIN_ORIGIN names where else it lives.
  app.enableCors({ origin: config.adminOrigin ? [config.adminOrigin] : false, credentials: true });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(validationPipe);
  setUpApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
