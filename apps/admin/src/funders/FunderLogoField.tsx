import type { Schemas } from '@carnet/api-client';
import DeleteIcon from '@mui/icons-material/Delete';
import UploadIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Stack, Typography } from '@mui/material';
import { type ChangeEvent, useEffect, useState } from 'react';
import {
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';

type Funder = Schemas['FunderResponseDto'];

const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
type ImageType = (typeof IMAGE_TYPES)[number];

/** A file's image type, from its name when the system gives no type. */
function imageTypeOf(file: File): ImageType | undefined {
  const type = IMAGE_TYPES.find((t) => t === file.type);
  if (type) return type;
  if (/\.png$/i.test(file.name)) return 'image/png';
  if (/\.jpe?g$/i.test(file.name)) return 'image/jpeg';
  return undefined;
}

/**
 * « Logo »: the funder's logo as printed on the covers of the carnets, fetched with the bearer
 * token (a plain <img src> would not send it); with `canChange`, buttons to upload (PNG or JPEG,
 * 1 MB at most, sent at once) or remove it.
 */
export const FunderLogoField = ({ canChange = false }: { canChange?: boolean; label?: string }) => {
  const record = useRecordContext<Funder>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);
  const [url, setUrl] = useState<string>();
  const id = record?.id;
  const hasLogo = record?.hasLogo ?? false;
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!id || !hasLogo) {
      setUrl(undefined);
      return;
    }
    let objectUrl: string | undefined;
    let cancelled = false;
    dataProvider
      .funderLogo(id)
      .then(({ blob }) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => setUrl(undefined));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [dataProvider, id, hasLogo, version]);

  if (!record) return null;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const type = imageTypeOf(file);
    if (!type) {
      notify('carnet.funders.logoType', { type: 'error' });
      return;
    }
    setPending(true);
    try {
      await dataProvider.setFunderLogo(record.id, file, type);
      notify('carnet.funders.logoUploaded', { type: 'success' });
      setVersion((v) => v + 1);
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  const remove = async () => {
    setPending(true);
    try {
      await dataProvider.removeFunderLogo(record.id);
      notify('carnet.funders.logoRemoved', { type: 'success' });
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack spacing={1} sx={{ width: '100%' }} data-testid="funder-logo">
      <Typography variant="subtitle2" component="h2">
        {translate('carnet.funders.logo')}
      </Typography>
      {hasLogo && url ? (
        <Box
          component="img"
          src={url}
          alt={translate('carnet.funders.logoAlt', { name: record.name })}
          sx={{ maxWidth: 200, maxHeight: 100, objectFit: 'contain', alignSelf: 'flex-start' }}
        />
      ) : (
        !hasLogo && (
          <Typography variant="body2" color="textSecondary">
            {translate('carnet.funders.noLogo')}
          </Typography>
        )
      )}
      {canChange && (
        <>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button
              component="label"
              variant="outlined"
              startIcon={<UploadIcon />}
              disabled={pending}
              sx={{ minHeight: 44 }}
            >
              {translate(hasLogo ? 'carnet.funders.replaceLogo' : 'carnet.funders.uploadLogo')}
              <input
                hidden
                type="file"
                accept="image/png,image/jpeg,.png,.jpg,.jpeg"
                onChange={(event) => void upload(event)}
              />
            </Button>
            {hasLogo && (
              <Button
                color="error"
                startIcon={<DeleteIcon />}
                disabled={pending}
                onClick={() => void remove()}
                sx={{ minHeight: 44 }}
              >
                {translate('carnet.funders.removeLogo')}
              </Button>
            )}
          </Stack>
          <Typography variant="body2" color="textSecondary">
            {translate('carnet.funders.logoHelp')}
          </Typography>
        </>
      )}
    </Stack>
  );
};
