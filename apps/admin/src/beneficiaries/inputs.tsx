import { Checkbox, FormControlLabel, FormHelperText } from '@mui/material';
import type { ReactNode } from 'react';
import { useInput, useTranslate } from 'react-admin';

/** Radio buttons and check boxes a thumb can hit: each line at least 44 px high. */
export const tappable = {
  '& .MuiFormControlLabel-root': { minHeight: 44, mr: 1 },
} as const;

/** A single check box bound to the form (react-admin's BooleanInput is a switch). */
export const CheckboxInput = ({
  source,
  label,
  helperText,
}: {
  source: string;
  label: ReactNode;
  helperText?: string;
}) => {
  const translate = useTranslate();
  const { field } = useInput({ source, defaultValue: false });
  return (
    <>
      <FormControlLabel
        sx={{ minHeight: 44, alignItems: 'flex-start', '& .MuiCheckbox-root': { mt: -0.5 } }}
        control={
          <Checkbox
            checked={field.value === true}
            onChange={(event) => field.onChange(event.target.checked)}
            onBlur={field.onBlur}
            name={field.name}
          />
        }
        label={label}
      />
      {helperText && <FormHelperText sx={{ mt: 0 }}>{translate(helperText)}</FormHelperText>}
    </>
  );
};
