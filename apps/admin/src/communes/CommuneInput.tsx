import type { Schemas } from '@carnet/api-client';
import { AutocompleteInput, ReferenceInput, required } from 'react-admin';

type Commune = Schemas['CommuneResponseDto'];

const communeOption = (commune: Commune) => `${commune.name} (${commune.inseeCode})`;

/** A required commune, searched by name or INSEE code and shown as « Liévin (62510) ». */
export const CommuneInput = ({
  source,
  label,
  helperText,
}: {
  source: string;
  label: string;
  helperText?: string;
}) => (
  <ReferenceInput source={source} reference="communes" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput
      optionText={communeOption}
      filterToQuery={(q: string) => ({ q })}
      validate={required()}
      noOptionsText="ra.navigation.no_results"
      helperText={helperText}
      label={label}
    />
  </ReferenceInput>
);
