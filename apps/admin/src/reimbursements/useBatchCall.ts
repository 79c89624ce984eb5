import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';

import { useNotifyError } from '../useNotifyError';

/** A call on the batch: pending state, success message, refresh, French errors. */
export function useBatchCall<A extends unknown[]>(
  call: (...args: A) => Promise<unknown>,
  success: string,
  messageArgs?: Record<string, unknown>,
) {
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);
  const perform = async (...args: A): Promise<boolean> => {
    setPending(true);
    try {
      await call(...args);
      notify(success, { type: 'success', messageArgs });
      refresh();
      return true;
    } catch (error) {
      notifyError(error);
      refresh();
      return false;
    } finally {
      setPending(false);
    }
  };
  return { pending, perform };
}
