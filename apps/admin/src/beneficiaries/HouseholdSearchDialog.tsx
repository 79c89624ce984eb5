import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useCreatePath, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { beneficiaryActions } from '../beneficiaryData';
import { usePhone } from '../phone';
import { useNotifyError } from '../useNotifyError';
import { ageOf, nameOf } from './labels';

/**
 * Finds a household's people from its address: the address goes to the API once, which turns it
 * into the household key and forgets it; nothing is kept here either.
 */
export const HouseholdSearchDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const phone = usePhone();
  const createPath = useCreatePath();
  const notifyError = useNotifyError();
  const [address, setAddress] = useState('');
  const [householdName, setHouseholdName] = useState('');
  const search = useMutation({
    mutationFn: () =>
      beneficiaryActions.searchHousehold({
        address: address.trim(),
        ...(householdName.trim() ? { householdName: householdName.trim() } : {}),
      }),
    onError: notifyError,
  });
  const tooShort = address.trim().length < 5;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooShort) search.mutate();
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <form onSubmit={submit}>
        <DialogTitle>{translate('carnet.beneficiaries.household.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="info">{translate('carnet.beneficiaries.addressNotKept')}</Alert>
            <TextField
              label={translate('carnet.beneficiaries.fields.address')}
              helperText={translate('carnet.beneficiaries.addressHelp')}
              value={address}
              onChange={(event) => setAddress(event.target.value)}
              required
              multiline
              minRows={2}
              fullWidth
              slotProps={{ htmlInput: { maxLength: 300, autoComplete: 'off' } }}
            />
            <TextField
              label={translate('carnet.beneficiaries.fields.householdName')}
              helperText={translate('carnet.beneficiaries.householdNameHelp')}
              value={householdName}
              onChange={(event) => setHouseholdName(event.target.value)}
              fullWidth
              slotProps={{ htmlInput: { maxLength: 100, autoComplete: 'off' } }}
            />
            {search.data && (
              <Box role="status">
                {search.data.length === 0 ? (
                  <Typography>{translate('carnet.beneficiaries.household.none')}</Typography>
                ) : (
                  <>
                    <Typography>
                      {translate('carnet.beneficiaries.household.found', {
                        smart_count: search.data.length,
                      })}
                    </Typography>
                    <List>
                      {search.data.map((b) => (
                        <ListItem key={b.id} disablePadding divider>
                          <ListItemButton
                            component={Link}
                            to={createPath({ resource: 'beneficiaries', id: b.id, type: 'show' })}
                            sx={{ minHeight: 56 }}
                          >
                            <ListItemText
                              primary={nameOf(b, translate)}
                              secondary={`${translate(`carnet.situations.${b.situation}`)} — ${ageOf(b, translate)}`}
                            />
                          </ListItemButton>
                        </ListItem>
                      ))}
                    </List>
                  </>
                )}
              </Box>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} sx={{ minHeight: 44 }}>
            {translate('ra.action.close')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            startIcon={<SearchIcon />}
            disabled={tooShort || search.isPending}
            sx={{ minHeight: 44 }}
          >
            {translate('carnet.beneficiaries.household.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
