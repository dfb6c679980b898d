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

/** The parts of an Express response an error answer needs. */
export interface ErrorResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: ErrorBody): void };
}

/**
 * Answers `error` in the one error shape: a `DomainError` (with its headers) or an `HttpException` as
 * it says; anything else is logged and is a plain 500. For routes (`ErrorFilter`) and for middleware
 * that answers on its own.
 */
export function answerError(error: unknown, response: ErrorResponse, logger: Logger): void {
  const body = toBody(error, logger);
  if (error instanceof DomainError)
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.status(body.statusCode).json(body);
}

function toBody(error: unknown, logger: Logger): ErrorBody {
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
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal server error' };
}

/** One error shape everywhere. Anything not a `DomainError` or an `HttpException` is logged and is a plain 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    answerError(error, host.switchToHttp().getResponse<ErrorResponse>(), this.logger);
  }
}
