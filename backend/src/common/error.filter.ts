import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, STATUS_BY_CODE } from './domain-error.js';

/** One error shape everywhere: `{ statusCode, code, message }`. Anything unexpected is logged and is a plain 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (error instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[error.code];
      response.status(statusCode).json({ statusCode, code: error.code, message: error.message });
      return;
    }
    if (error instanceof HttpException) {
      // Nest's own (unknown route, malformed JSON body…): keep its status, in our shape.
      const statusCode = error.getStatus();
      response.status(statusCode).json({ statusCode, code: `http_${statusCode}`, message: error.message });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, code: 'internal_error', message: 'Internal server error' });
  }
}
