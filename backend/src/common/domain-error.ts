/** What went wrong, in the product's terms. The exception filter maps each code to an HTTP status. */
export enum ErrorCode {
  Validation = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  /** An API key that is not one (unknown, malformed) or no longer is (revoked, its user deleted). */
  ApiKeyInvalid = 'api_key_invalid',
  /** An API key sent to a route that takes only a signed-in user's access token (all but the reports). */
  ApiKeyNotAccepted = 'api_key_not_accepted',
  /** Signed in, but the role doesn't allow it (a viewer writing, a non-owner managing users). */
  Forbidden = 'forbidden',
  /** The password was right; two-factor sign-in also needs the code of the authenticator app. */
  TotpRequired = 'totp_required',
  /** Signed in with a one-time password: only the password change is open. */
  PasswordChangeRequired = 'password_change_required',
  /** A shared link with a password, opened without a view token its password unlocked (or a wrong password). */
  SharePasswordRequired = 'share_password_required',
  Conflict = 'conflict',
  TooManyRequests = 'too_many_requests',
  /** The server is at capacity for this kind of work (checking passwords): retry after Retry-After. */
  Busy = 'busy',
  /** Also what a caller without access sees: "not found" and "forbidden" look the same. */
  NotFound = 'not_found',
  /** Any other 4xx Nest raises itself (a malformed body, a wrong method). */
  BadRequest = 'bad_request',
  Internal = 'internal_error',
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.ApiKeyInvalid]: 401,
  [ErrorCode.ApiKeyNotAccepted]: 401,
  [ErrorCode.TotpRequired]: 401,
  [ErrorCode.SharePasswordRequired]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.PasswordChangeRequired]: 403,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.Busy]: 503,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Internal]: 500,
};

/** An error a caller can meet and act on; its message says what happened. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Sent with the answer (`Retry-After` of a 429). */
    readonly headers: Record<string, string> = {},
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
