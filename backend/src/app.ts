import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { validationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/** The application as it runs, for `main.ts` and the tests alike. `app.init()`/`listen()` runs the migrations. */
export async function createApp(
  config: AppConfig,
  logger: LoggerService | LogLevel[] = ['log', 'warn', 'error', 'fatal'],
): Promise<INestApplication> {
  // abortOnError: false, so a failed start rejects (main prints it and exits 1) instead of aborting the process.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    abortOnError: false,
  });
  // The edge (on loopback, or a private address in the compose network) forwards the client's address
  // and scheme: login throttling counts clients, and the session cookie is Secure over TLS.
  app.set('trust proxy', ['loopback', 'uniquelocal']);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  return app;
}
