import { Box, Tooltip } from '@mui/material';
import { Fragment, type ReactNode } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';

/**
 * Who did it, as people read it: a user by name, the e-mail on hover and on keyboard focus (the
 * name is focusable, the e-mail its description); a job (`system:issuance`) or an API client
 * (`api-client:…`) in French words. `label` is what the audit log or the ledger kept at the
 * time; `name` the user's name today, when the API resolved it.
 */
export const Actor = ({ label, name }: { label: string; name?: string | null }) => {
  const translate = useTranslate();
  const words = actorWords(translate, label);
  if (words !== undefined) return <>{words}</>;
  return (
    <Tooltip title={label} describeChild>
      <Box
        component="span"
        tabIndex={0}
        data-testid="actor"
        sx={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
      >
        {name ?? label}
      </Box>
    </Tooltip>
  );
};

/** A job or an API client in French; undefined for a person (shown by `Actor`). */
function actorWords(translate: TranslateFunction, label: string): string | undefined {
  const system = /^system:(.+)$/.exec(label);
  if (system) {
    return translate(`carnet.events.systemActors.${system[1]}`, {
      _: translate('carnet.events.systemActors.other'),
    });
  }
  const client = /^api-client:(.+)$/.exec(label);
  if (client) return translate('carnet.events.apiClient', { name: client[1] });
  return undefined;
}

const SLOT = '\u0001';

/**
 * A translated sentence with one element in it (a person's name with its tooltip): translates
 * with a marker for `%{actor}`, then puts the element where the marker landed.
 */
export function sentenceWith(
  translate: TranslateFunction,
  key: string,
  args: Record<string, unknown>,
  actor: ReactNode,
): ReactNode {
  const parts = translate(key, { ...args, actor: SLOT }).split(SLOT);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && actor}
    </Fragment>
  ));
}
