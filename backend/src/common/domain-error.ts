/** What went wrong, in the product's terms. The exception filter maps each code to an HTTP status. */
export enum ErrorCode {
  Validation = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  /** Also what a caller without access sees: "not found" and "forbidden" look the same. */
  NotFound = 'not_found',
  /** Any other 4xx Nest raises itself (a malformed body, a wrong method). */
  BadRequest = 'bad_request',
  Internal = 'internal_error',
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Internal]: 500,
};

/** An error a caller can meet and act on; its message says what happened. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one error body of the API, validation included. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}
