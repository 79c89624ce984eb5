import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonException, CommonExceptionCode } from './common.exception.js';
import type { FieldError } from './domain.exception.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are refused, types are converted, errors list every field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        `The request is invalid: ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}.`,
        fieldErrors,
      );
    },
  });
}
