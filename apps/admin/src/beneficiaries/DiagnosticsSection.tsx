import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import AssignmentIcon from '@mui/icons-material/Assignment';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

import { beneficiaryActions, type Diagnostic } from '../beneficiaryData';
import { formatDateTime } from '../dates';
import { DiagnosticDialog } from './DiagnosticDialog';

/** A beneficiary's diagnostics, most recent first: `useDiagnostics(id).data`. */
export const useDiagnostics = (beneficiaryId: string) =>
  useQuery({
    queryKey: ['diagnostics', beneficiaryId],
    queryFn: () => beneficiaryActions.listDiagnostics(beneficiaryId),
  });

const DiagnosticCard = ({ diagnostic }: { diagnostic: Diagnostic }) => {
  const translate = useTranslate();
  const needs = [
    ...diagnostic.services,
    ...diagnostic.procedures.map((p) => translate(`carnet.onlineProcedures.${p}`)),
  ];
  return (
    <Card variant="outlined" data-testid="diagnostic">
      <CardContent>
        <Typography variant="subtitle2" component="h3">
          {translate('carnet.diagnostics.of', { date: formatDateTime(diagnostic.createdAt) })}
        </Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 1 }}>
          {needs.map((need) => (
            <Chip
              key={need}
              label={need}
              size="small"
              sx={{
                maxWidth: '100%',
                height: 'auto',
                '& .MuiChip-label': { whiteSpace: 'normal' },
              }}
            />
          ))}
        </Box>
        <Typography variant="body2">
          {translate('carnet.diagnostics.autonomyIs', {
            label: translate(`carnet.autonomy.${diagnostic.autonomy}`),
          })}
        </Typography>
        {diagnostic.equipment.length > 0 && (
          <Typography variant="body2">
            {translate('carnet.diagnostics.equipmentIs', {
              list: diagnostic.equipment.map((e) => translate(`carnet.equipment.${e}`)).join(', '),
            })}
          </Typography>
        )}
        {diagnostic.notes && (
          <Typography
            variant="body2"
            sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {diagnostic.notes}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

export const DiagnosticsSection = ({
  beneficiaryId,
  payableServices,
}: {
  beneficiaryId: string;
  payableServices: readonly string[];
}) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const diagnostics = useDiagnostics(beneficiaryId);
  return (
    <Box component="section" aria-labelledby="diagnostics-title">
      <Typography id="diagnostics-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate('carnet.diagnostics.section')}
      </Typography>
      {diagnostics.error && <Alert severity="error">{diagnostics.error.message}</Alert>}
      {diagnostics.data?.length === 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('carnet.diagnostics.none')}
        </Typography>
      )}
      <Stack spacing={1}>
        {diagnostics.data?.map((diagnostic) => (
          <DiagnosticCard key={diagnostic.id} diagnostic={diagnostic} />
        ))}
      </Stack>
      <Button
        variant={diagnostics.data?.length === 0 ? 'contained' : 'outlined'}
        startIcon={<AssignmentIcon />}
        onClick={() => setOpen(true)}
        sx={{ mt: 1, minHeight: 44 }}
      >
        {translate(
          diagnostics.data?.length ? 'carnet.diagnostics.again' : 'carnet.diagnostics.start',
        )}
      </Button>
      {open && (
        <DiagnosticDialog
          beneficiaryId={beneficiaryId}
          payableServices={payableServices}
          onClose={() => setOpen(false)}
        />
      )}
    </Box>
  );
};
