/** What went wrong, in the product's terms; the exception filter maps each code to an HTTP status. */
export enum ErrorCode {
  Validation = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  NotFound = 'not_found',
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.NotFound]: 404,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A 400 that names the field and the rule it broke. */
export const invalid = (field: string, rule: string) =>
  new DomainError(ErrorCode.Validation, `${field} ${rule}`);
