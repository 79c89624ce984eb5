import type { FieldError } from './domain.exception.js';

/** RFC 9457 problem details, as every error of the API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:carnet:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
