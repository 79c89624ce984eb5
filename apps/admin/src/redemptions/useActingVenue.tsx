import { Alert, MenuItem, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Loading, useTranslate } from 'react-admin';

import { redemptionActions, type Venue } from './redemptionData';

/** The venue chosen by staff of several venues, for the tab's other screens. */
const CHOSEN_VENUE = 'carnet.venueId';

export interface ActingVenue {
  venues: Venue[] | undefined;
  /** The venue the screens act for: the only one, or the one chosen. */
  venue: Venue | undefined;
  choose: (id: string) => void;
  isPending: boolean;
  error: Error | null;
}

/** The venue the signed-in staff act for: their own, or the one they chose among theirs. */
export function useActingVenue(): ActingVenue {
  const venues = useQuery({
    queryKey: ['redemptions', 'my-venues'],
    queryFn: redemptionActions.myVenues,
  });
  const [chosen, setChosen] = useState(() => sessionStorage.getItem(CHOSEN_VENUE));
  const list = venues.data;
  const venue = list?.find((v) => v.id === chosen) ?? list?.[0];
  return {
    venues: list,
    venue,
    choose: (id) => {
      sessionStorage.setItem(CHOSEN_VENUE, id);
      setChosen(id);
    },
    isPending: venues.isPending,
    error: venues.error,
  };
}

/** « Lieu »: a choice for staff of several venues; nothing for the others. */
export const VenuePicker = ({ acting }: { acting: ActingVenue }) => {
  const translate = useTranslate();
  if (!acting.venues || acting.venues.length < 2 || !acting.venue) return null;
  return (
    <TextField
      select
      label={translate('carnet.redemptions.venue')}
      value={acting.venue.id}
      onChange={(event) => acting.choose(event.target.value)}
      fullWidth
      sx={{ mb: 2 }}
    >
      {acting.venues.map((venue) => (
        <MenuItem key={venue.id} value={venue.id} sx={{ minHeight: 44 }}>
          {venue.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

/**
 * What a venue's screen shows before it knows its venue: loading, the error, or that the account
 * has no venue; then `children` with the venue the screens act for.
 */
export const ActingVenueGate = ({
  acting,
  children,
}: {
  acting: ActingVenue;
  children: (venue: Venue) => ReactNode;
}) => {
  const translate = useTranslate();
  if (acting.isPending) return <Loading />;
  if (acting.error) {
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {acting.error.message}
      </Alert>
    );
  }
  if (!acting.venue) {
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate('carnet.redemptions.noVenue')}
      </Alert>
    );
  }
  return children(acting.venue);
};
