import type { Schemas } from '@carnet/api-client';
import { HttpError } from 'react-admin';

type Problem = Schemas['ProblemDto'];

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'status' in body && 'title' in body;

/** The sentence to show for a failed call: the problem's detail, else its title, else the status. */
export function problemMessage(body: unknown, response: Response): string {
  if (isProblem(body)) return body.detail ?? body.title;
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
  for (const { field, message: fieldMessage } of body.errors ?? []) {
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
