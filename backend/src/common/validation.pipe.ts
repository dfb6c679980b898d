import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error.js';

/**
 * Each broken rule as "<field> <rule>": class-validator's own messages and ours (written with
 * `$property`) start with the field's name.
 */
const messages = (error: ValidationError): string[] => [
  ...Object.values(error.constraints ?? {}),
  ...(error.children ?? []).flatMap(messages),
];

/** DTO validation for every route, failing as a `DomainError` so that 400s share the one error shape. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => new DomainError(ErrorCode.Validation, errors.flatMap(messages).join('; ')),
});
