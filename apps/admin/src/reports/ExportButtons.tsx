import DownloadIcon from '@mui/icons-material/Download';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

import { saveBlob } from '../http';
import { useNotifyError } from '../useNotifyError';
import { EXPORT_FORMATS, type ExportFormat, reportActions, type ReportName } from './reportData';

/**
 * « CSV » and « Excel »: the report as the API writes it (French headers, decimal comma, euros),
 * downloaded through the authenticated fetch and saved under the API's file name. `title` names
 * the report for screen readers (« Exporter « Communes » en CSV »).
 */
export const ExportButtons = ({
  programmeId,
  report,
  title,
}: {
  programmeId: string;
  report: ReportName;
  title: string;
}) => {
  const translate = useTranslate();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState<ExportFormat | null>(null);

  const download = async (format: ExportFormat) => {
    setPending(format);
    try {
      const { blob, filename } = await reportActions.export(programmeId, report, format);
      saveBlob(blob, filename ?? `${report}.${format}`);
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(null);
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
      {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          startIcon={<DownloadIcon />}
          disabled={pending !== null}
          onClick={() => void download(format)}
          aria-label={translate(`carnet.reports.export.${format}Of`, { report: title })}
          data-testid={`export-${report}-${format}`}
          sx={{ minHeight: 44, whiteSpace: 'nowrap' }}
        >
          {translate(`carnet.reports.export.${format}`)}
        </Button>
      ))}
    </Stack>
  );
};
