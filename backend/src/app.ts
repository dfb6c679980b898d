import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet, { type HelmetOptions } from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { setUpApiDocs } from './api-docs.js';
import { validationPipe } from './common/validation.pipe.js';
import { Metrics, requestMetrics } from './observability/metrics.js';
import { abortWhenClientLeaves } from './common/request-signal.js';
import type { AppConfig } from './config/app-config.js';

/**
 * Every answer of the API is data, never a page to render or frame: nothing may load (CSP `default-src
 * 'none'`), no one may frame it (`frame-ancestors 'none'`, X-Frame-Options DENY), no URL leaks in a
 * Referer, and under TLS browsers are told to stay on it (HSTS, a year). /api/docs loosens the policy for
 * Swagger UI's own scripts and styles (api-docs.ts).
 */
const securityHeaders = (config: AppConfig): HelmetOptions => ({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: config.publicUrl.startsWith('https://')
    ? { maxAge: 365 * 86_400, includeSubDomains: true }
    : false,
});

/** Every route under /api/ but the Prometheus scrape; the OpenAPI document's paths follow from it. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
}

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
  // The edge sets X-Forwarded-For to the client's address (login throttling counts clients): believed
  // from the configured proxies only. Nothing else is taken from forwarded headers (see publicUrl).
  app.set('trust proxy', [...config.trustedProxies]);
  app.use(helmet(securityHeaders(config)));
  app.use(requestMetrics(app.get(Metrics)));
  app.use(abortWhenClientLeaves);
  // The panel is served by the edge from the API's own origin: no cross-origin caller at all, unless
  // SLUICE_ADMIN_ORIGIN names where else it lives.
  app.enableCors({ origin: config.adminOrigin ? [config.adminOrigin] : false, credentials: true });
  useApiPrefix(app);
  app.useGlobalPipes(validationPipe);
  setUpApiDocs(app, config);
  app.enableShutdownHooks();
  return app;
}
