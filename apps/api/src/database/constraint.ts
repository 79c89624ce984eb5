import { QueryFailedError } from 'typeorm';

/**
 * The name of the constraint a failed statement violated, when it is one (PostgreSQL reports
 * it): lets a service turn a CHECK the database enforces into the caller's own error code.
 */
export function violatedConstraint(error: unknown): string | undefined {
  return error instanceof QueryFailedError
    ? (error.driverError as { constraint?: string }).constraint
    : undefined;
}
