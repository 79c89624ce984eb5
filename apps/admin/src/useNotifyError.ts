import { useNotify } from 'react-admin';

/**
 * Notifies a failed call with the API's own sentence (the problem's detail, see problem.ts).
 * The `_` default tells the translator the message is already written out, not an i18n key.
 */
export function useNotifyError(): (error: unknown) => void {
  const notify = useNotify();
  return (error: unknown) => {
    if (error instanceof Error && error.message) {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
    } else {
      notify('ra.notification.http_error', { type: 'error' });
    }
  };
}
