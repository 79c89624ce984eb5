import {
  AutocompleteInput,
  ReferenceInput,
  type ReferenceInputProps,
  type Validator,
} from 'react-admin';

type OrganisationInputProps = Omit<ReferenceInputProps, 'reference' | 'children'> & {
  source: string;
  validate?: Validator | Validator[];
};

/** Picks an organisation by name, searching GET /organisations as the user types. */
export const OrganisationInput = ({ source, validate, ...props }: OrganisationInputProps) => (
  <ReferenceInput
    source={source}
    reference="organisations"
    sort={{ field: 'name', order: 'ASC' }}
    {...props}
  >
    <AutocompleteInput optionText="name" validate={validate} />
  </ReferenceInput>
);
