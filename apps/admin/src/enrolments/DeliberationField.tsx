import type { Schemas } from '@carnet/api-client';
import DownloadIcon from '@mui/icons-material/PictureAsPdf';
import UploadIcon from '@mui/icons-material/UploadFile';
import { IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { type ChangeEvent, useState } from 'react';
import {
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { saveBlob } from '../http';
import { useNotifyError } from '../useNotifyError';

type Enrolment = Schemas['EnrolmentResponseDto'];

/**
 * The délibération PDF: a download button when it was uploaded, and for managers an upload
 * button (the API takes the raw PDF, at most 10 MB). The download goes through fetch because
 * the API wants the bearer token, which a plain link would not send.
 */
export const DeliberationField = ({ canUpload }: { canUpload: boolean; label?: string }) => {
  const record = useRecordContext<Enrolment>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);
  if (!record) return null;

  const download = async () => {
    try {
      const { blob, filename } = await dataProvider.downloadDeliberation(
        record.programmeId,
        record.inseeCode,
      );
      saveBlob(blob, filename ?? `deliberation-${record.inseeCode}.pdf`);
    } catch (error) {
      notifyError(error);
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPending(true);
    try {
      await dataProvider.attachDeliberation(record.programmeId, record.inseeCode, file);
      notify('carnet.enrolments.uploaded', {
        type: 'success',
        messageArgs: { commune: record.communeName },
      });
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  const downloadLabel = translate('carnet.enrolments.download');
  const uploadLabel = translate(
    record.hasDeliberationDocument ? 'carnet.enrolments.replace' : 'carnet.enrolments.upload',
  );
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', whiteSpace: 'nowrap' }}>
      {record.hasDeliberationDocument ? (
        <Tooltip title={downloadLabel}>
          <IconButton size="small" aria-label={downloadLabel} onClick={() => void download()}>
            <DownloadIcon fontSize="small" color="primary" />
          </IconButton>
        </Tooltip>
      ) : (
        <Typography component="span" variant="body2" color="textSecondary">
          {translate('carnet.enrolments.noDocument')}
        </Typography>
      )}
      {canUpload && (
        <Tooltip title={uploadLabel}>
          <IconButton component="label" size="small" aria-label={uploadLabel} disabled={pending}>
            <UploadIcon fontSize="small" />
            <input
              hidden
              type="file"
              accept="application/pdf,.pdf"
              onChange={(event) => void upload(event)}
            />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
};
