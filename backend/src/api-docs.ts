import { Logger, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { API_KEY_SECURITY } from './auth/access.decorator.js';
import { BearerAuth } from './auth/bearer-auth.js';
import { answerError } from './common/error.filter.js';
import type { AppConfig } from './config/app-config.js';

export const API_DOCS_PATH = 'api/docs';

/** Swagger UI's page: its own scripts, its inline styles, the images it inlines; still never framed. */
const DOCS_PAGE_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The OpenAPI document of the controllers and DTOs. It needs the application's modules but none of its
 * providers, so `write-api-document.ts` builds it from an application in Nest's preview mode, with no store.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sluice API')
      .setDescription(
        'The control plane of Sluice. Sign in with POST /api/auth/login, then send the access token as ' +
          '"Authorization: Bearer <token>". Scripts read reports with an API key (POST /api/api-keys) sent the ' +
          'same way: "Authorization: Bearer slk_…"; every other route refuses one (401 api_key_not_accepted). ' +
          'Every error is { statusCode, code, message }; a 400 names the field and the rule.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (slk_…): the report routes only, read-only, the sites its user may read; a budget of requests per minute (429 with Retry-After past it)',
        },
        API_KEY_SECURITY,
      )
      .build(),
  );
}

/**
 * OpenAPI from the controllers and DTOs: the page at /api/docs, the document at /api/docs-json (and
 * -yaml; the page's init script embeds it too). They map the whole API, so they are for signed-in users
 * (an access token as a bearer, as every route takes it) unless SLUICE_PUBLIC_API_DOCS opens them.
 */
export function setUpApiDocs(app: INestApplication, config: AppConfig): void {
  const document = apiDocument(app);
  const bearer = app.get(BearerAuth);
  const logger = new Logger('ApiDocs');
  const pagePolicy = helmet.contentSecurityPolicy(DOCS_PAGE_POLICY);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(`/${API_DOCS_PATH}`)) return next();
    const allowed = config.publicApiDocs ? Promise.resolve() : bearer.user(request.headers.authorization);
    allowed.then(
      () => pagePolicy(request, response, next),
      (error: unknown) => answerError(error, response, logger),
    );
  });
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
}
