import type { Schemas } from '@carnet/api-client';
import { useState, type ReactElement } from 'react';
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';

type Programme = Schemas['ProgrammeResponseDto'];
export type Transition = 'activate' | 'close';

/**
 * Activates (DRAFT → ACTIVE) or closes (ACTIVE → CLOSED) the programme after a confirmation.
 * A refusal (shares not summing to 100 %…) is passed to `onRefused` with the API's detail.
 */
export const TransitionButton = ({
  transition,
  icon,
  onRefused,
}: {
  transition: Transition;
  icon: ReactElement;
  onRefused: (detail: string | undefined) => void;
}) => {
  const record = useRecordContext<Programme>();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!record) return null;

  const confirm = async () => {
    setPending(true);
    onRefused(undefined);
    try {
      if (transition === 'activate') await dataProvider.activateProgramme(record.id);
      else await dataProvider.closeProgramme(record.id);
      notify(`carnet.programmes.${transition}.done`, { type: 'success' });
      refresh();
    } catch (error) {
      onRefused(error instanceof Error ? error.message : undefined);
      notifyError(error);
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        label={`carnet.programmes.${transition}.button`}
        variant={transition === 'activate' ? 'contained' : 'outlined'}
        color={transition === 'activate' ? 'primary' : 'warning'}
        onClick={() => setOpen(true)}
        disabled={pending}
      >
        {icon}
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title={`carnet.programmes.${transition}.title`}
        titleTranslateOptions={{ name: record.name }}
        content={`carnet.programmes.${transition}.content`}
        confirm={`carnet.programmes.${transition}.button`}
        confirmColor={transition === 'activate' ? 'primary' : 'warning'}
        onConfirm={() => void confirm()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
