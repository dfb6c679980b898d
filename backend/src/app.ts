import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { validationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/** The application as it runs, for `main.ts` and the tests alike. `app.init()`/`listen()` runs the migrations. */
export async function createApp(
  config: AppConfig,
  logger: LoggerService | LogLevel[] = ['log', 'warn', 'error', 'fatal'],
): Promise<INestApplication> {
  // abortOnError: false, so a failed start rejects (main prints it and exits 1) instead of aborting the process.
  const app = await NestFactory.create(AppModule.forRoot(config), { logger, abortOnError: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  return app;
}
