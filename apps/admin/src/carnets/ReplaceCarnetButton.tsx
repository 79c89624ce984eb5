import type { Schemas } from '@carnet/api-client';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';
import { holderLabel } from './holders';

type Carnet = Schemas['CarnetDetailResponseDto'];

/**
 * « Émettre un remplaçant » for a cancelled carnet: a carnet of the programme stock goes to its
 * last holder; the page then shows the new carnet.
 */
export const ReplaceCarnetButton = () => {
  const record = useRecordContext<Carnet>();
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const redirect = useRedirect();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'carnets', action: 'replace' });
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!record || !canAccess || record.status !== 'CANCELLED' || record.replacedByCarnetId) {
    return null;
  }

  const replace = async () => {
    setPending(true);
    try {
      const replacement = await dataProvider.replaceCarnet(record.id);
      notify('carnet.replacement.done', {
        type: 'success',
        messageArgs: { serial: replacement.serial },
      });
      redirect('show', 'carnets', replacement.id);
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label="carnet.replacement.button" onClick={() => setOpen(true)} disabled={pending}>
        <AutorenewIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title="carnet.replacement.title"
        titleTranslateOptions={{ serial: record.serial }}
        content={translate('carnet.replacement.content', {
          holder: holderLabel(translate, record.lastHolder),
        })}
        confirm="carnet.replacement.button"
        onConfirm={() => void replace()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
