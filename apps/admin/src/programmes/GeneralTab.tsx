import type { Schemas } from '@carnet/api-client';
import DataObjectIcon from '@mui/icons-material/DataObject';
import DownloadIcon from '@mui/icons-material/Download';
import LockIcon from '@mui/icons-material/Lock';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { DateField, Labeled, useRecordContext, useTranslate } from 'react-admin';

import { sepaFormatLabel } from '../choices';
import { apiPath } from '../http';
import { formatCents, formatCount } from '../money';
import { StatusField } from './StatusField';
import { TransitionButton } from './TransitionButton';
import { useCanChangeProgramme } from './useCanChangeProgramme';

type Programme = Schemas['ProgrammeResponseDto'];

const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label}>
    <Typography component="span" variant="body2">
      {children}
    </Typography>
  </Labeled>
);

const Chips = ({ values }: { values: readonly string[] }) => (
  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
    {values.length === 0
      ? '—'
      : values.map((value) => <Chip key={value} size="small" label={value} />)}
  </Stack>
);

const field = (name: keyof Programme) => `resources.programmes.fields.${name}`;

/** Whether its usage is published, and the public files (no sign-in: plain links). */
const OpenData = ({ record }: { record: Programme }) => {
  const translate = useTranslate();
  const path = { id: record.id };
  return (
    <Labeled label="carnet.programmes.openData.label">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography component="span" variant="body2">
          {translate(
            `carnet.programmes.openData.${record.openData ? 'published' : 'notPublished'}`,
          )}
        </Typography>
        {record.openData && (
          <>
            <Button
              size="small"
              href={apiPath('/api/v1/public/programmes/{id}/usage.csv', path)}
              download
              startIcon={<DownloadIcon />}
              sx={{ minHeight: 44 }}
            >
              {translate('carnet.programmes.openData.csv')}
            </Button>
            <Button
              size="small"
              href={apiPath('/api/v1/public/programmes/{id}/usage.json', path)}
              target="_blank"
              rel="noopener"
              startIcon={<DataObjectIcon />}
              sx={{ minHeight: 44 }}
            >
              {translate('carnet.programmes.openData.json')}
            </Button>
          </>
        )}
      </Stack>
    </Labeled>
  );
};

/** The public page of its venues (printed on the carnets): only an ACTIVE programme has one. */
const PublicPage = ({ record }: { record: Programme }) => {
  const translate = useTranslate();
  return (
    <Labeled label="carnet.programmes.publicPage.label">
      {record.status === 'ACTIVE' ? (
        <Button
          size="small"
          href={`/#/lieux/${record.id}`}
          target="_blank"
          rel="noopener"
          startIcon={<OpenInNewIcon />}
          sx={{ minHeight: 44, alignSelf: 'flex-start' }}
        >
          {translate('carnet.programmes.publicPage.open')}
        </Button>
      ) : (
        <Typography component="span" variant="body2">
          {translate('carnet.programmes.publicPage.notActive')}
        </Typography>
      )}
    </Labeled>
  );
};

/** The programme's terms, and the buttons that move it through DRAFT → ACTIVE → CLOSED. */
export const GeneralTab = (_props: { label?: false }) => {
  const record = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const [refusal, setRefusal] = useState<string>();
  if (!record) return null;

  return (
    <Stack spacing={2}>
      {canChange && (
        <Stack direction="row" spacing={1}>
          {record.status === 'DRAFT' && (
            <TransitionButton
              transition="activate"
              icon={<PlayArrowIcon />}
              onRefused={setRefusal}
            />
          )}
          {record.status === 'ACTIVE' && (
            <TransitionButton transition="close" icon={<LockIcon />} onRefused={setRefusal} />
          )}
        </Stack>
      )}
      {refusal && (
        <Alert severity="error" onClose={() => setRefusal(undefined)}>
          {refusal}
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          gap: 2,
        }}
      >
        <Labeled label={field('status')}>
          <StatusField />
        </Labeled>
        <Item label={field('territoryLabel')}>{record.territoryLabel}</Item>
        <Labeled label={field('startDate')}>
          <DateField source="startDate" />
        </Labeled>
        <Labeled label={field('endDate')}>
          <DateField source="endDate" />
        </Labeled>
        <Labeled label={field('validityEndDate')}>
          <DateField source="validityEndDate" />
        </Labeled>
        <Item label={field('graceDays')}>
          {translate('carnet.programmes.days', { smart_count: record.graceDays })}
        </Item>
        <Item label={field('faceValueCents')}>{formatCents(record.faceValueCents)}</Item>
        <Item label={field('chequesPerCarnet')}>{formatCount(record.chequesPerCarnet)}</Item>
        <Item label="carnet.programmes.carnetValue">
          {formatCents(record.faceValueCents * record.chequesPerCarnet)}
        </Item>
        <Item label={field('maxCarnetsPerHousehold')}>
          {formatCount(record.maxCarnetsPerHousehold)}
        </Item>
        <Item label={field('budgetCents')}>{formatCents(record.budgetCents)}</Item>
        <Item label="carnet.programmes.budgetInCarnets">
          {formatCount(
            Math.floor(record.budgetCents / (record.faceValueCents * record.chequesPerCarnet)),
          )}
        </Item>
      </Box>
      <Labeled label={field('eligiblePublics')}>
        <Chips values={record.eligiblePublics} />
      </Labeled>
      <Labeled label={field('payableServices')}>
        <Chips values={record.payableServices} />
      </Labeled>
      <Item label={field('sepaFormat')}>{translate(sepaFormatLabel(record.sepaFormat))}</Item>
      <Item label={field('helpPhone')}>
        {record.helpPhone ?? translate('carnet.programmes.noHelpPhone')}
      </Item>
      <OpenData record={record} />
      <PublicPage record={record} />
    </Stack>
  );
};
