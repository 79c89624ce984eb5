import { isValidSiret, normaliseSiret } from '@carnet/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

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

/** A calendar date written YYYY-MM-DD (no time, no zone). */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
