import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const API_DOCS_PATH = 'api/docs';

/** OpenAPI from the controllers and DTOs: the page at /api/docs, the document at /api/docs-json. */
export function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sluice API')
      .setDescription(
        'The control plane of Sluice. Sign in with POST /api/auth/login, then send the access token as ' +
          '"Authorization: Bearer <token>". Every error is { statusCode, code, message }; a 400 names the field and the rule.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
}
