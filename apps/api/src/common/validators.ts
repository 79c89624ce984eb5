import { CALENDAR_YEARS, isCalendarDate, isValidSiret, normaliseSiret } from '@carnet/domain';
import { type Type } from '@nestjs/common';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

/** A SIRET (14 digits, Luhn; La Poste's exception): spaces are stripped first. */
export function IsSiret(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normaliseSiret(value) : value,
    )(target, propertyName);
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a valid SIRET (14 digits, checksum)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSiret(value) },
    });
  };
}

/** A real calendar day written YYYY-MM-DD (no time, no zone), within the years of the scheme. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be a day written YYYY-MM-DD, between ${CALENDAR_YEARS.min} and ${CALENDAR_YEARS.max}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      },
    });
    // What the Swagger plugin cannot infer from this function.
    ApiProperty({ type: 'string', format: 'date' })(target, propertyName);
  };
}

/**
 * The field may be left out. An explicit `null` is validated like any other value, so a field
 * whose column cannot be empty answers 400 naming it instead of reaching the database. Use this
 * instead of class-validator's IsOptional, which lets `null` through.
 */
export function Optional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** The field may be left out or set to `null`, which clears it (its column is nullable). */
export function OptionalNullable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && value !== null, options);
}

/**
 * The body of a PATCH: every field of `base` becomes optional, and an explicit `null` is still
 * validated (only fields declared with OptionalNullable accept it).
 */
export function UpdateType<T>(base: Type<T>): Type<Partial<T>> {
  return PartialType(base, { skipNullProperties: false });
}

/** The largest value of a PostgreSQL `integer`: bounds for ids, serials and counts by default. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * A whole number in [min, max], from JSON or from a query string. Query text must be plain
 * digits: `1e3`, `0x10` or `99999999999999999999` (which Number() reads as a float) are refused
 * with a 400 naming the field, never passed on to a query.
 */
export function IntegerParam(
  { min, max = PG_INT_MAX }: { min: number; max?: number },
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
    )(target, propertyName);
    // The Swagger plugin cannot see the bounds through this function: state them for the contract.
    ApiProperty({ type: 'integer', minimum: min, maximum: max })(target, propertyName);
    IsInt(options)(target, propertyName);
    Min(min, options)(target, propertyName);
    Max(max, options)(target, propertyName);
  };
}
