import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error.js';

/**
 * Each broken rule as "<field> <rule>": class-validator's own messages and ours (written with
 * `$property`) start with the field's name.
 */
const messages = (error: ValidationError): string[] => [
  ...Object.values(error.constraints ?? {}),
  ...(error.children ?? []).flatMap(messages),
];

/**
 * How deep a body may nest: far deeper than any form (a few levels). class-transformer copies a body
 * recursively, so one nested thousands of levels deep overflowed the stack: a 500, not a 400.
 */
const MAX_BODY_NESTING = 32;

/** Whether `value` holds objects or arrays more than `levels` deep; stops at the bound, so its depth is bounded too. */
function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((item) => nestedDeeperThan(item, levels - 1));
}

/** DTO validation for every route, failing as a `DomainError` so that 400s share the one error shape. */
class RouteValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && nestedDeeperThan(value, MAX_BODY_NESTING)) {
      throw new DomainError(ErrorCode.Validation, `body: nested deeper than ${MAX_BODY_NESTING} levels`);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new RouteValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => new DomainError(ErrorCode.Validation, errors.flatMap(messages).join('; ')),
});
