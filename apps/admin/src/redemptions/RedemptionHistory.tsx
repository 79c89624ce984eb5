import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatChequeNumber } from '../beneficiaries/scanning';
import { formatDateTime, formatLongDay } from '../dates';
import { formatCents } from '../money';
import { usePhone } from '../phone';
import { useNotifyError } from '../useNotifyError';
import { REDEEM_PATH } from './links';
import { type Redemption, redemptionActions } from './redemptionData';
import { formatDuration, isCancellable, redemptionReference } from './redemptionRules';
import { ActingVenueGate, useActingVenue, VenuePicker } from './useActingVenue';

/** « Annuler »: says what it undoes before it does it. */
const CancelDialog = ({ redemption, onClose }: { redemption: Redemption; onClose: () => void }) => {
  const translate = useTranslate();
  const phone = usePhone();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => redemptionActions.cancel(redemption.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['redemptions'] });
      notify('carnet.redemptions.history.cancelled', { type: 'success' });
      onClose();
    },
    // Refused (already cancelled, too late…) or unanswered: the list shows the redemption as it
    // is now, never « Annuler » on one cancelled already.
    onError: async (error) => {
      notifyError(error);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['redemptions'] });
    },
  });
  const reference = redemptionReference(redemption.id);
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      fullScreen={phone}
      aria-labelledby="cancel-redemption-title"
    >
      <DialogTitle id="cancel-redemption-title">
        {translate('carnet.redemptions.history.cancelTitle', { reference })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate('carnet.redemptions.history.cancelContent', {
            smart_count: redemption.cheques.length,
            value: formatCents(redemption.amountCents),
          })}
        </DialogContentText>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onClose} sx={{ minHeight: 44 }}>
          {translate('carnet.redemptions.history.keep')}
        </Button>
        <Button
          variant="contained"
          color="error"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
          sx={{ minHeight: 44 }}
        >
          {translate('carnet.redemptions.history.confirmCancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** One redemption: amount, cheques, service, when, its reference and status; « Annuler ». */
const RedemptionCard = ({
  redemption,
  onCancel,
}: {
  redemption: Redemption;
  onCancel: () => void;
}) => {
  const translate = useTranslate();
  const cancelled = redemption.status === 'CANCELLED';
  return (
    <Card variant="outlined" component="li" data-testid="redemption">
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
        >
          <Typography
            variant="h6"
            component="p"
            sx={{ fontWeight: 600, textDecoration: cancelled ? 'line-through' : 'none' }}
          >
            {formatCents(redemption.amountCents)}
          </Typography>
          <Chip
            label={translate(`carnet.redemptions.statuses.${redemption.status}`)}
            color={cancelled ? 'default' : 'success'}
            data-testid="redemption-status"
          />
        </Stack>
        <Typography variant="body2">
          {translate('carnet.redemptions.history.madeOn', {
            smart_count: redemption.cheques.length,
            date: formatDateTime(redemption.createdAt),
          })}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('carnet.redemptions.history.serviceOn', {
            service: redemption.service,
            day: formatLongDay(redemption.serviceDate),
            duration: formatDuration(redemption.durationMinutes),
            participants: translate('carnet.redemptions.history.participants', {
              smart_count: redemption.participants,
            }),
          })}
        </Typography>
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
          {translate('carnet.redemptions.history.details', {
            numbers: redemption.cheques.map((c) => formatChequeNumber(c.number)).join(', '),
            reference: redemptionReference(redemption.id),
            who: redemption.redeemedBy,
          })}
        </Typography>
        {cancelled && redemption.cancelledAt && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('carnet.redemptions.history.cancelledOn', {
              date: formatDateTime(redemption.cancelledAt),
              who: redemption.cancelledBy ?? '',
            })}
          </Typography>
        )}
        {isCancellable(redemption) && (
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            spacing={1}
            sx={{ mt: 1, alignItems: { xs: 'stretch', sm: 'center' } }}
          >
            <Button
              variant="outlined"
              color="error"
              onClick={onCancel}
              sx={{ minHeight: 44 }}
              aria-label={translate('carnet.redemptions.history.cancelLabel', {
                reference: redemptionReference(redemption.id),
              })}
            >
              {translate('carnet.redemptions.history.cancel')}
            </Button>
            <Typography variant="body2" color="textSecondary">
              {translate('carnet.redemptions.history.cancellableUntil', {
                date: formatDateTime(redemption.cancellableUntil),
              })}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

const History = ({ venueId }: { venueId: string }) => {
  const translate = useTranslate();
  const [cancelling, setCancelling] = useState<Redemption | null>(null);
  const pages = useInfiniteQuery({
    queryKey: ['redemptions', 'history', venueId],
    queryFn: ({ pageParam }) => redemptionActions.history(venueId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (pages.isPending) return <Loading />;
  if (pages.error) return <Alert severity="error">{pages.error.message}</Alert>;
  const redemptions = pages.data.pages.flatMap((page) => page.data);
  return (
    <>
      {redemptions.length === 0 ? (
        <Typography sx={{ mt: 2 }}>{translate('carnet.redemptions.history.none')}</Typography>
      ) : (
        <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, mt: 2, mb: 0 }}>
          {redemptions.map((redemption) => (
            <RedemptionCard
              key={`${redemption.id}-${redemption.status}`}
              redemption={redemption}
              onCancel={() => setCancelling(redemption)}
            />
          ))}
        </Stack>
      )}
      {pages.hasNextPage && (
        <Button
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
          sx={{ mt: 2, minHeight: 44 }}
        >
          {translate('carnet.redemptions.history.more')}
        </Button>
      )}
      {cancelling && <CancelDialog redemption={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
};

/** « Historique »: the venue's redemptions, newest first, and « Annuler » while allowed. */
export const RedemptionHistoryPage = () => {
  const translate = useTranslate();
  const acting = useActingVenue();
  return (
    <Box sx={{ maxWidth: 720 }}>
      <Title title={translate('carnet.redemptions.history.title')} />
      <ActingVenueGate acting={acting}>
        {(venue) => (
          <>
            <Stack
              direction={{ xs: 'column', sm: 'row' }}
              spacing={1}
              sx={{ mt: 2, justifyContent: 'space-between', alignItems: { sm: 'center' } }}
            >
              <Typography variant="subtitle1" sx={{ fontWeight: 500 }}>
                {venue.name}
              </Typography>
              <Button component={Link} to={REDEEM_PATH} variant="contained" sx={{ minHeight: 44 }}>
                {translate('carnet.redemptions.redeemTitle')}
              </Button>
            </Stack>
            <Box sx={{ mt: 2 }}>
              <VenuePicker acting={acting} />
            </Box>
            <History key={venue.id} venueId={venue.id} />
          </>
        )}
      </ActingVenueGate>
    </Box>
  );
};
