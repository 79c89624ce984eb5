import RefreshIcon from '@mui/icons-material/Refresh';
import { Alert, Box, Button, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNotify, usePermissions, useTranslate } from 'react-admin';

import { roleCanAccess } from '../access';
import type { Role } from '../choices';
import { useNotifyError } from '../useNotifyError';
import { reportActions } from './reportData';
import { formatAsOf } from './reportFormat';

const POLL_MS = 2_000;
/** A refresh after a day of activity takes seconds; past this, say it is slow rather than spin. */
const GIVE_UP_MS = 180_000;

/**
 * « Données au 29 novembre 2026 à 09:12 »: how fresh the figures are (the reports' `asOf`), and
 * for those who may, « Mettre à jour »: asks the worker for a refresh, follows it on
 * /reports/status, then reloads every report.
 */
export const Freshness = ({ asOf }: { asOf: string | null }) => {
  const t = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<Role>();
  const canRefresh = permissions !== undefined && roleCanAccess(permissions, 'reports', 'refresh');
  /** The asOf seen when the refresh was asked for; null when none is under way. */
  const [waitingFrom, setWaitingFrom] = useState<{ asOf: string | null; at: number } | null>(null);
  const [slow, setSlow] = useState(false);

  const status = useQuery({
    queryKey: ['reports', 'status'],
    queryFn: reportActions.status,
    enabled: waitingFrom !== null,
    refetchInterval: waitingFrom !== null ? POLL_MS : false,
    gcTime: 0,
  });

  useEffect(() => {
    if (!waitingFrom || !status.data) return;
    const done = !status.data.refreshing && status.data.asOf !== waitingFrom.asOf;
    if (done) {
      setWaitingFrom(null);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      notify('carnet.reports.freshness.done', { type: 'success' });
    } else if (Date.now() - waitingFrom.at > GIVE_UP_MS) {
      setWaitingFrom(null);
      setSlow(true);
    }
  }, [status.data, waitingFrom, queryClient, notify]);

  const refresh = async () => {
    setSlow(false);
    try {
      await reportActions.refresh();
      setWaitingFrom({ asOf, at: Date.now() });
    } catch (error) {
      notifyError(error);
    }
  };

  const refreshing = waitingFrom !== null;
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 2 }}
      data-testid="report-freshness"
    >
      <Typography variant="body2" role="status" aria-live="polite" data-testid="report-as-of">
        {refreshing
          ? t('carnet.reports.freshness.refreshing')
          : asOf
            ? t('carnet.reports.freshness.asOf', { asOf: formatAsOf(asOf) })
            : t('carnet.reports.freshness.never')}
      </Typography>
      {canRefresh && (
        <Button
          variant="outlined"
          size="small"
          startIcon={<RefreshIcon />}
          onClick={() => void refresh()}
          disabled={refreshing}
          sx={{ minHeight: 44 }}
        >
          {t('carnet.reports.freshness.refresh')}
        </Button>
      )}
      {slow && (
        <Alert severity="warning" sx={{ width: '100%' }}>
          {t('carnet.reports.freshness.slow')}
        </Alert>
      )}
    </Box>
  );
};
