import type { Schemas } from '@carnet/api-client';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  CheckboxGroupInput,
  email,
  NumberInput,
  required,
  SelectArrayInput,
  TextArrayInput,
  TextInput,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';

import {
  accessModalityChoices,
  feeChoices,
  itineranceChoices,
  mediationServiceChoices,
  specificSupportChoices,
  supportModalityChoices,
  typologyChoices,
  venuePublicChoices,
} from '../choices';

type Venue = Schemas['VenueResponseDto'];
type CreateVenueDto = Schemas['CreateVenueDto'];
type UpdateVenueDto = Schemas['UpdateVenueDto'];

/** An optional text: trimmed, and left out when empty (the API refuses "" for an e-mail…). */
const optional = (value: string | undefined | null): string | undefined =>
  value?.trim() ? value.trim() : undefined;
const optionalNumber = (value: number | undefined | null): number | undefined =>
  typeof value === 'number' && !Number.isNaN(value) ? value : undefined;

/** What POST accepts: the form also holds id, status, dates… which the API rejects. */
export const toCreateVenueDto = (data: CreateVenueDto): CreateVenueDto => {
  const itinerant = (data.itinerance ?? []).includes('Itinérant');
  return {
    name: data.name.trim(),
    pivot: data.pivot.replace(/\s/g, '').toUpperCase(),
    address: data.address.trim(),
    addressComplement: optional(data.addressComplement),
    postalCode: data.postalCode.trim(),
    communeName: data.communeName.trim(),
    inseeCode: optional(data.inseeCode),
    latitude: optionalNumber(data.latitude),
    longitude: optionalNumber(data.longitude),
    typologies: data.typologies ?? [],
    itinerance: data.itinerance ?? [],
    // Only an itinerant venue serves other communes.
    servedInseeCodes: itinerant
      ? (data.servedInseeCodes ?? []).map((code) => code.trim()).filter(Boolean)
      : [],
    horaires: optional(data.horaires),
    services: data.services ?? [],
    publics: data.publics ?? [],
    specificSupport: data.specificSupport ?? [],
    fees: data.fees ?? [],
    accessModalities: data.accessModalities ?? [],
    supportModalities: data.supportModalities ?? [],
    phone: optional(data.phone),
    email: optional(data.email),
    website: optional(data.website),
    summary: optional(data.summary),
  };
};

/** The data provider sends only the fields that changed (an unchanged pivot is not sent). */
export const toUpdateVenueDto = (data: Venue): UpdateVenueDto => toCreateVenueDto(data);

export const venueDefaults: Partial<CreateVenueDto> = {
  typologies: [],
  itinerance: ['Fixe'],
  servedInseeCodes: [],
  services: [],
  publics: [],
  specificSupport: [],
  fees: [],
  accessModalities: [],
  supportModalities: [],
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', mt: 2 }}>
      <Typography variant="subtitle1" gutterBottom>
        {translate(title)}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
          columnGap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
};

const wide = { gridColumn: '1 / -1' };

// The API checks the SIRET's checksum too; these only catch typing slips early.
const shape = (pattern: RegExp, message: string) => (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !pattern.test(value.replace(/\s/g, ''))
    ? message
    : undefined;
const pivotShape = shape(/^(\d{14}|W\d{9})$/i, 'carnet.venues.pivotHelp');
const postalCodeShape = shape(/^\d{5}$/, 'carnet.venues.postalCodeShape');
const inseeShape = shape(/^(\d{5}|2[AB]\d{3})$/i, 'carnet.venues.inseeShape');

/** Served communes, asked only when the venue is itinerant. */
const ServedCommunesInput = ({ lockedHelp }: { lockedHelp?: string }) => {
  const itinerance = useWatch<{ itinerance?: string[] }>({ name: 'itinerance' });
  if (!Array.isArray(itinerance) || !itinerance.includes('Itinérant')) return null;
  return (
    <TextArrayInput
      source="servedInseeCodes"
      readOnly={lockedHelp !== undefined}
      helperText={lockedHelp ?? 'carnet.venues.servedHelp'}
      sx={wide}
    />
  );
};

/**
 * A venue's staff edit its public listing; the fields that decide which cheques it may accept
 * (its identifier, its commune, the communes it serves, its services) are changed by a programme
 * manager: the API answers 403 FIELD_NOT_SELF_SERVICE (apps/api/src/access/self-service.ts).
 */
const useLockedHelp = (): string | undefined => {
  const record = useRecordContext<Venue>();
  const translate = useTranslate();
  const { canAccess: mayQualify } = useCanAccess({ resource: 'venues', action: 'qualify' });
  if (record === undefined || mayQualify === true) return undefined;
  return translate('carnet.venues.managerOnly');
};

/** Inputs shared by the create and edit pages, in the order of the national schema. */
export const VenueInputs = () => {
  const lockedHelp = useLockedHelp();
  const locked = lockedHelp !== undefined;
  return (
    <>
      <Section title="carnet.venues.sections.identity">
        <TextInput source="name" validate={required()} sx={wide} />
        <TextInput
          source="pivot"
          validate={[required(), pivotShape]}
          readOnly={locked}
          helperText={lockedHelp ?? 'carnet.venues.pivotHelp'}
        />
        <SelectArrayInput source="typologies" choices={typologyChoices} />
        <TextInput source="summary" multiline sx={wide} />
      </Section>

      <Section title="carnet.venues.sections.address">
        <TextInput source="address" validate={required()} sx={wide} />
        <TextInput source="addressComplement" sx={wide} />
        <TextInput
          source="postalCode"
          validate={[required(), postalCodeShape]}
          readOnly={locked}
          helperText={lockedHelp}
        />
        <TextInput
          source="communeName"
          validate={required()}
          readOnly={locked}
          helperText={lockedHelp}
        />
        <TextInput
          source="inseeCode"
          validate={inseeShape}
          readOnly={locked}
          helperText={lockedHelp}
        />
        <NumberInput source="latitude" step={0.0001} min={-90} max={90} />
        <NumberInput source="longitude" step={0.0001} min={-180} max={180} />
        <CheckboxGroupInput source="itinerance" choices={itineranceChoices} sx={wide} />
        <ServedCommunesInput lockedHelp={lockedHelp} />
      </Section>

      <Section title="carnet.venues.sections.offer">
        <TextInput source="horaires" helperText="carnet.venues.horairesHelp" sx={wide} />
        <CheckboxGroupInput
          source="services"
          choices={mediationServiceChoices}
          row={false}
          readOnly={locked}
          helperText={lockedHelp}
          sx={wide}
        />
        <CheckboxGroupInput source="publics" choices={venuePublicChoices} sx={wide} />
        <CheckboxGroupInput source="specificSupport" choices={specificSupportChoices} sx={wide} />
        <CheckboxGroupInput source="fees" choices={feeChoices} sx={wide} />
        <CheckboxGroupInput source="accessModalities" choices={accessModalityChoices} sx={wide} />
        <CheckboxGroupInput source="supportModalities" choices={supportModalityChoices} sx={wide} />
      </Section>

      <Section title="carnet.venues.sections.contact">
        <TextInput source="phone" />
        <TextInput source="email" validate={email()} />
        <TextInput source="website" type="url" />
      </Section>
    </>
  );
};
