import type { Schemas } from '@carnet/api-client';
import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  DateField,
  FunctionField,
  Labeled,
  Loading,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import { CancelCarnetButton } from './CancelCarnetButton';
import { ChequesTable } from './ChequesTable';
import { HolderName } from './holders';
import { MovementsTable } from './MovementsTable';
import { ReplaceCarnetButton } from './ReplaceCarnetButton';
import { CarnetStatusField } from './StatusChips';
import { TransferButton } from './TransferButtons';

type CarnetDetail = Schemas['CarnetDetailResponseDto'];
type Carnet = Schemas['CarnetResponseDto'];

// Each button hides itself when the role may not use it or the carnet's status forbids it.
const ShowActions = () => (
  <TopToolbar>
    <TransferButton />
    <CancelCarnetButton />
    <ReplaceCarnetButton />
  </TopToolbar>
);

const CarnetTitle = () => {
  const record = useRecordContext<Carnet>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate('carnet.carnets.title', { serial: record.serial })}</span>;
};

const field = (name: keyof CarnetDetail) => `resources.carnets.fields.${name}`;

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="h6" gutterBottom>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

/** Who holds the carnet, how it was cancelled or whom it replaces, its cheques, its ledger. */
const CarnetDetails = () => {
  const record = useRecordContext<CarnetDetail>();
  const translate = useTranslate();
  // A prescriber's agent does not read programmes: no link to one.
  const { canAccess: mayReadProgrammes } = useCanAccess({ resource: 'programmes', action: 'show' });
  if (!record) return null;
  return (
    <Stack spacing={3} sx={{ p: 2 }}>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          gap: 2,
        }}
      >
        <Labeled label={field('serial')}>
          <TextField source="serial" />
        </Labeled>
        <Labeled label={field('status')}>
          <CarnetStatusField />
        </Labeled>
        <Labeled label={field('holder')}>
          <HolderName holder={record.holder} />
        </Labeled>
        {mayReadProgrammes && (
          <Labeled label={field('programmeId')}>
            <ReferenceField source="programmeId" reference="programmes" link="show" />
          </Labeled>
        )}
        <Labeled label={field('createdAt')}>
          <DateField source="createdAt" showTime />
        </Labeled>
        {record.replacesCarnetId && (
          <Labeled label={field('replacesCarnetId')}>
            <ReferenceField source="replacesCarnetId" reference="carnets" link="show">
              <FunctionField<Carnet>
                render={(replaced) =>
                  translate('carnet.carnets.serialRef', { serial: replaced.serial })
                }
              />
            </ReferenceField>
          </Labeled>
        )}
        {record.status === 'CANCELLED' && (
          <>
            <Labeled label={field('cancelledAt')}>
              <DateField source="cancelledAt" showTime />
            </Labeled>
            <Labeled label={field('cancellationReason')}>
              <Typography component="span" variant="body2">
                {record.cancellationReason
                  ? translate(`carnet.cancellationReasons.${record.cancellationReason}`)
                  : '—'}
              </Typography>
            </Labeled>
            <Labeled label={field('cancellationComment')}>
              <TextField source="cancellationComment" emptyText="—" />
            </Labeled>
            <Labeled label={field('lastHolder')}>
              <HolderName holder={record.lastHolder} />
            </Labeled>
          </>
        )}
      </Box>
      {/* Opened from the list, the page first shows the list's record, which has neither. */}
      {Array.isArray(record.cheques) && Array.isArray(record.movements) ? (
        <>
          <Section title="carnet.carnets.cheques">
            <ChequesTable cheques={record.cheques} />
          </Section>
          <Section title="carnet.carnets.movements">
            <MovementsTable movements={record.movements} />
          </Section>
        </>
      ) : (
        <Loading />
      )}
    </Stack>
  );
};

export const CarnetShow = () => (
  <Show actions={<ShowActions />} title={<CarnetTitle />}>
    <CarnetDetails />
  </Show>
);
