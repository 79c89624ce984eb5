import type { Schemas } from '@carnet/api-client';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useTranslate } from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';

type ChequeCheck = Schemas['ChequeCheckResponseDto'];

/**
 * « Débloquer le chèque »: a cheque locked by five wrong security codes, unlocked by a programme
 * manager once sure of who holds it (audited by the API); `onUnlocked` shows it again.
 */
export const UnlockChequeButton = ({
  cheque,
  onUnlocked,
}: {
  cheque: ChequeCheck;
  onUnlocked: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setBusy(true);
    try {
      await dataProvider.unlockCheque(cheque.number);
      notify('carnet.chequeCheck.unlocked', {
        type: 'success',
        messageArgs: { number: cheque.formattedNumber },
      });
      setOpen(false);
      onUnlocked();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="contained" startIcon={<LockOpenIcon />} onClick={() => setOpen(true)}>
        {translate('carnet.chequeCheck.unlock')}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('carnet.chequeCheck.unlockTitle', { number: cheque.formattedNumber })}
        content={translate('carnet.chequeCheck.unlockHelp')}
        confirm="carnet.chequeCheck.unlock"
        onConfirm={() => void unlock()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
