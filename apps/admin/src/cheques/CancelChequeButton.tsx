import type { Schemas } from '@carnet/api-client';
import BlockIcon from '@mui/icons-material/Block';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';

import { CancelDialog } from '../carnets/CancelDialog';
import type { CarnetDataProvider } from '../dataProvider';
import { formatCents } from '../money';
import { useNotifyError } from '../useNotifyError';

type ChequeCheck = Schemas['ChequeCheckResponseDto'];

/** « Annuler ce chèque » (lost, stolen…): only an unused cheque; `onCancelled` shows it again. */
export const CancelChequeButton = ({
  cheque,
  onCancelled,
}: {
  cheque: ChequeCheck;
  onCancelled: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [open, setOpen] = useState(false);

  const cancel = async (values: Schemas['CancelDto']) => {
    try {
      await dataProvider.cancelCheque(cheque.number, values);
      notify('carnet.cancellation.chequeDone', {
        type: 'success',
        messageArgs: { number: cheque.formattedNumber },
      });
      setOpen(false);
      onCancelled();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="error"
        startIcon={<BlockIcon />}
        onClick={() => setOpen(true)}
      >
        {translate('carnet.cancellation.chequeButton')}
      </Button>
      {open && (
        <CancelDialog
          title={translate('carnet.cancellation.chequeTitle', { number: cheque.formattedNumber })}
          help={translate('carnet.cancellation.chequeHelp')}
          consequence={translate('carnet.cancellation.chequeConsequence', {
            number: cheque.formattedNumber,
            value: formatCents(cheque.faceValueCents),
          })}
          confirmLabel="carnet.cancellation.chequeButton"
          onCancel={cancel}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
