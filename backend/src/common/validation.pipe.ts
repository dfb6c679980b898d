import { ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error.js';

/** DTO validation whose 400s name the field and the rule, in the common error shape. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: ([error]) => {
    const rule = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
    // class-validator's own messages already start with the field ("property x should not exist").
    const message = rule.includes(error.property) ? rule : `${error.property} ${rule}`;
    return new DomainError(ErrorCode.Validation, message);
  },
});
