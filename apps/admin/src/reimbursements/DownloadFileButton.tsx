import DownloadIcon from '@mui/icons-material/Download';
import { Button, type ButtonProps } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

import { saveBlob } from '../http';
import { useNotifyError } from '../useNotifyError';
import { batchActions, type BatchFile } from './batchData';

/** The i18n key naming each file of the export (names are the API's contract). */
const fileKeys: Record<string, string> = {
  'sepa.xml': 'sepa',
  'etat-liquidatif.xlsx': 'statementXlsx',
  'etat-liquidatif.csv': 'statementCsv',
  'cheques.csv': 'cheques',
  'synthese.pdf': 'summary',
  'manifest.json': 'manifest',
};

/** « Virements SEPA », « État liquidatif (Excel) »…; a venue's statement: « Relevé du lieu ». */
export function useFileLabel(): (file: Pick<BatchFile, 'name'>) => string {
  const translate = useTranslate();
  return (file) => {
    const key = fileKeys[file.name];
    if (key) return translate(`carnet.batches.files.${key}`);
    return translate('carnet.batches.files.venueStatement');
  };
}

/**
 * Downloads a file of the batch through fetch (the API wants the bearer token), saved under its
 * name. `label` names it for screen readers when the button's text alone is not enough.
 */
export const DownloadFileButton = ({
  batchId,
  file,
  label,
  ...props
}: { batchId: string; file: Pick<BatchFile, 'name'>; label?: string } & Omit<
  ButtonProps,
  'onClick'
>) => {
  const translate = useTranslate();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);

  const download = async () => {
    setPending(true);
    try {
      const { blob, filename } = await batchActions.downloadFile(batchId, file.name);
      saveBlob(blob, filename ?? file.name);
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      disabled={pending}
      onClick={() => void download()}
      aria-label={label}
      sx={{ whiteSpace: 'nowrap' }}
      {...props}
    >
      {translate('carnet.batches.download')}
    </Button>
  );
};
