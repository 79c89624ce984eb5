import { HttpError, useNotify } from 'react-admin';

/**
 * Notifies a failed call: the French message of the problem's code (`errors.<CODE>` in
 * i18n/fr.ts) when there is one, else the API's own sentence (see problem.ts). The `_` default
 * tells the translator the message is already written out when the key is not one.
 */
export function useNotifyError(): (error: unknown) => void {
  const notify = useNotify();
  return (error: unknown) => {
    const code =
      error instanceof HttpError ? (error.body as { code?: unknown } | undefined)?.code : undefined;
    if (typeof code === 'string' && error instanceof Error) {
      notify(`errors.${code}`, { type: 'error', messageArgs: { _: error.message } });
    } else if (error instanceof Error && error.message) {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
    } else {
      notify('ra.notification.http_error', { type: 'error' });
    }
  };
}
