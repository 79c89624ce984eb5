import type { Schemas } from '@carnet/api-client';
import { HttpError } from 'react-admin';

import { carnetFrenchMessages } from './i18n/fr';

type Problem = Schemas['ProblemDto'];

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'status' in body && 'title' in body;

/** The French sentence for an API error code (`errors.<CODE>` in i18n/fr.ts), if there is one. */
export function frenchProblemMessage(code: string | undefined): string | undefined {
  if (!code || !Object.hasOwn(carnetFrenchMessages.errors, code)) return undefined;
  return carnetFrenchMessages.errors[code];
}

/**
 * The sentence to show for a failed call: the French message of its code, else the problem's
 * (English) detail, else its title, else the status. The app speaks French only, so the message
 * is chosen here once rather than translated by every caller.
 */
export function problemMessage(body: unknown, response: Response): string {
  if (isProblem(body)) return frenchProblemMessage(body.code) ?? body.detail ?? body.title;
  return response.statusText || `HTTP ${response.status}`;
}

/**
 * Converts an RFC 9457 problem into react-admin's HttpError. Field errors go to `body.errors`
 * keyed by field name, which react-admin forms display under each input; `root.serverError` is
 * the message react-admin notifies when the form has such errors.
 */
export function toHttpError(body: unknown, response: Response): HttpError {
  const message = problemMessage(body, response);
  if (!isProblem(body)) return new HttpError(message, response.status, body);
  const fieldErrors: Record<string, string> = {};
  const frenchField = Object.hasOwn(carnetFrenchMessages.fieldErrors, body.code)
    ? carnetFrenchMessages.fieldErrors[body.code]
    : undefined;
  for (const { field, message: apiMessage } of body.errors ?? []) {
    const fieldMessage = frenchField ?? apiMessage;
    fieldErrors[field] = fieldErrors[field]
      ? `${fieldErrors[field]} ${fieldMessage}`
      : fieldMessage;
  }
  const errors =
    Object.keys(fieldErrors).length > 0
      ? { ...fieldErrors, root: { serverError: message } }
      : undefined;
  return new HttpError(message, response.status, { ...body, errors });
}
