import { QueryFailedError } from 'typeorm';

/**
 * Whether a write broke a unique index, on either metadata database: SQLite's `SQLITE_CONSTRAINT` "UNIQUE
 * constraint failed", PostgreSQL's SQLSTATE 23505. A check for a taken name and the insert after it are two
 * steps: two requests at once both pass the check, and the index refuses the second.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; message?: unknown } | undefined;
  return (
    driverError?.code === '23505' ||
    (typeof driverError?.message === 'string' && driverError.message.includes('UNIQUE constraint failed'))
  );
}

/** `write`, with a unique index's refusal answered as `conflict()` (a DomainError) rather than a 500. */
export async function refusingDuplicates<T>(write: () => Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
