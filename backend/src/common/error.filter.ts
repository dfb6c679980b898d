import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode, STATUS_BY_CODE, type ErrorBody } from './domain-error.js';

/** Nest's own exceptions (unknown route, malformed JSON…) keep their status, in our shape. */
const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  429: ErrorCode.TooManyRequests,
};

/** One error shape everywhere. Anything not a `DomainError` or an `HttpException` is logged and is a plain 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.toBody(error);
    const response = host.switchToHttp().getResponse<{
      setHeader(name: string, value: string): void;
      status(code: number): { json(body: ErrorBody): void };
    }>();
    if (error instanceof DomainError)
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS_BY_CODE[error.code], code: error.code, message: error.message };
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const statusCode = error.getStatus();
      return {
        statusCode,
        code: CODE_BY_HTTP_STATUS[statusCode] ?? ErrorCode.BadRequest,
        message: error.message,
      };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal server error' };
  }
}
