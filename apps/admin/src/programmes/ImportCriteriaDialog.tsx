import {
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';

import { CsvFilePicker, type ImportFailure, ImportFailureAlert, importFailure } from '../csvImport';
import type { CarnetDataProvider } from '../dataProvider';

/**
 * Replaces the programme's criteria from a CSV (`inseeCode,qpvPopulation,population`). The API
 * checks every line first: on a refusal nothing was saved, and every faulty line is listed.
 */
export const ImportCriteriaDialog = ({
  programmeId,
  open,
  onClose,
}: {
  programmeId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [file, setFile] = useState<File>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ImportFailure>();

  const close = () => {
    setFile(undefined);
    setFailure(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setPending(true);
    setFailure(undefined);
    try {
      const criteria = await dataProvider.importCriteria(programmeId, file);
      notify('carnet.criteria.imported', {
        type: 'success',
        messageArgs: { smart_count: criteria.rows.length },
      });
      close();
      refresh();
    } catch (error) {
      setFailure(importFailure(error, translate('ra.notification.http_error')));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)}>
        <DialogTitle>{translate('carnet.criteria.importTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">{translate('carnet.criteria.importHelp')}</Typography>
            <Box
              component="pre"
              sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13 }}
            >
              {'inseeCode;qpvPopulation;population\n62498;8 200;32 920\n62510;4 120;30 409'}
            </Box>
            <CsvFilePicker
              name="criteria"
              file={file}
              onChange={(chosen) => {
                setFile(chosen);
                setFailure(undefined);
              }}
              chooseLabel={translate('carnet.criteria.chooseFile')}
              noFileLabel={translate('carnet.criteria.noFile')}
            />
            {failure && (
              <ImportFailureAlert
                failure={failure}
                listLabel={translate('carnet.criteria.errors')}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={!file || pending}>
            {translate('carnet.criteria.importSubmit')}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
