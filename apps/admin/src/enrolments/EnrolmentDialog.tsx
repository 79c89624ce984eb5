import type { Schemas } from '@carnet/api-client';
import SaveIcon from '@mui/icons-material/Save';
import { Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import {
  AutocompleteArrayInput,
  DateInput,
  Form,
  FormDataConsumer,
  HttpError,
  required,
  TextInput,
  useCreate,
  useNotify,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { useEffect, useState } from 'react';

import { CommuneInput } from '../communes/CommuneInput';
import { api, unwrap } from '../http';
import { useNotifyError } from '../useNotifyError';
import { Button } from '../Button';

type Enrolment = Schemas['EnrolmentResponseDto'];

interface EnrolmentForm extends Record<string, unknown> {
  inseeCode?: string;
  deliberationDate?: string;
  deliberationReference?: string;
  conventionSignedOn?: string | null;
  referentUserIds?: string[];
}

/** The commune's referent accounts (active COMMUNE_REFERENT users of its organisation). */
const ReferentsInput = ({ inseeCode }: { inseeCode: string | undefined }) => {
  const [choices, setChoices] = useState<Schemas['CommuneReferentDto'][]>([]);
  useEffect(() => {
    if (!inseeCode) return;
    let current = true;
    unwrap(api.GET('/api/v1/communes/{inseeCode}/referents', { params: { path: { inseeCode } } }))
      .then((answer) => current && setChoices(answer.data))
      .catch(() => current && setChoices([]));
    return () => {
      current = false;
    };
  }, [inseeCode]);
  if (!inseeCode) return null;
  return (
    <AutocompleteArrayInput
      source="referentUserIds"
      choices={choices}
      optionText="displayName"
      label="carnet.enrolments.referents"
    />
  );
};

/** Field errors of a problem document, to show under the inputs; else undefined. */
function fieldErrors(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof HttpError)) return undefined;
  return (error.body as { errors?: Record<string, unknown> } | undefined)?.errors;
}

/**
 * Adds a commune to the programme (délibération, convention) or, given `enrolment`, changes
 * its dates, reference and referents.
 */
export const EnrolmentDialog = ({
  programmeId,
  enrolment,
  open,
  onClose,
}: {
  programmeId: string;
  enrolment?: Enrolment;
  open: boolean;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [create, { isPending: creating }] = useCreate();
  const [update, { isPending: updating }] = useUpdate();

  const defaultValues: EnrolmentForm = enrolment
    ? {
        inseeCode: enrolment.inseeCode,
        deliberationDate: enrolment.deliberationDate,
        deliberationReference: enrolment.deliberationReference,
        conventionSignedOn: enrolment.conventionSignedOn,
        referentUserIds: enrolment.referents.map((referent) => referent.id),
      }
    : {};

  const submit = async (values: EnrolmentForm) => {
    const data = {
      deliberationDate: values.deliberationDate ?? '',
      deliberationReference: values.deliberationReference?.trim() ?? '',
      conventionSignedOn: values.conventionSignedOn || undefined,
      referentUserIds: values.referentUserIds ?? [],
    };
    try {
      if (enrolment) {
        await update(
          'enrolments',
          { id: enrolment.id, data, previousData: enrolment },
          { returnPromise: true },
        );
        notify('carnet.enrolments.updated', { type: 'success' });
      } else {
        await create(
          'enrolments',
          { data: { ...data, programmeId, inseeCode: values.inseeCode } },
          { returnPromise: true },
        );
        notify('carnet.enrolments.added', { type: 'success' });
      }
      onClose();
      refresh();
      return undefined;
    } catch (error) {
      notifyError(error);
      return fieldErrors(error);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <Form defaultValues={defaultValues} onSubmit={submit} resource="enrolments">
        <DialogTitle>
          {enrolment
            ? translate('carnet.enrolments.editTitle', { commune: enrolment.communeName })
            : translate('carnet.enrolments.addTitle')}
        </DialogTitle>
        <DialogContent>
          <Stack sx={{ pt: 1 }}>
            {!enrolment && (
              <CommuneInput source="inseeCode" label="resources.enrolments.fields.communeName" />
            )}
            <DateInput source="deliberationDate" validate={required()} />
            <TextInput source="deliberationReference" validate={required()} />
            <DateInput source="conventionSignedOn" />
            <FormDataConsumer<EnrolmentForm>>
              {({ formData }) => <ReferentsInput inseeCode={formData.inseeCode} />}
            </FormDataConsumer>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button
            label={enrolment ? 'ra.action.save' : 'carnet.enrolments.add'}
            type="submit"
            variant="contained"
            disabled={creating || updating}
          >
            <SaveIcon />
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
