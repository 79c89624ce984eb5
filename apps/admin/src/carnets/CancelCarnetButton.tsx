import type { Schemas } from '@carnet/api-client';
import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { formatCount } from '../money';
import { useNotifyError } from '../useNotifyError';
import { CancelDialog } from './CancelDialog';

type Carnet = Schemas['CarnetResponseDto'] & Partial<Schemas['CarnetDetailResponseDto']>;

/** The statuses a cancellation takes (libs/domain's UNUSED_CHEQUE_STATUSES). */
const UNUSED: ReadonlySet<string> = new Set(['ISSUED', 'DISTRIBUTED']);

/** « Annuler le carnet »: its unused cheques are cancelled and it leaves its holder's stock. */
export const CancelCarnetButton = () => {
  const record = useRecordContext<Carnet>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'carnets', action: 'cancel' });
  const [open, setOpen] = useState(false);
  if (!record || !canAccess || record.status !== 'ACTIVE') return null;
  // Unknown until the carnet's page has its cheques (a list's record has none): never « none ».
  const unused = record.cheques?.filter((cheque) => UNUSED.has(cheque.status)).length;

  const cancel = async (values: Schemas['CancelDto']) => {
    try {
      await dataProvider.cancelCarnet(record.id, values);
      notify('carnet.cancellation.carnetDone', {
        type: 'success',
        messageArgs: { serial: record.serial },
      });
      setOpen(false);
      refresh();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <Button label="carnet.cancellation.carnetButton" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      {open && (
        <CancelDialog
          title={translate('carnet.cancellation.carnetTitle', { serial: record.serial })}
          help={translate('carnet.cancellation.carnetHelp')}
          consequence={
            unused === undefined
              ? translate('carnet.cancellation.carnetUnusedUnknown')
              : unused === 0
                ? translate('carnet.cancellation.carnetNoUnused')
                : translate('carnet.cancellation.carnetConsequence', {
                    smart_count: unused,
                    count: formatCount(unused),
                  })
          }
          confirmLabel="carnet.cancellation.carnetButton"
          onCancel={cancel}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
