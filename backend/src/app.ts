import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { AppModule } from './app.module.js';
import { validationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/** The application as it runs: the same for `main.ts` and the tests. */
export async function createApp(
  config: AppConfig,
  logLevels: LogLevel[] = ['log', 'warn', 'error'],
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.with(config), { logger: logLevels });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();
  return app;
}
