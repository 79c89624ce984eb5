import { Box, Divider, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Show, usePermissions, useRecordContext, useTranslate } from 'react-admin';

import { type Beneficiary, beneficiaryActions } from '../beneficiaryData';
import type { Role } from '../choices';
import { formatDateTime, formatDay } from '../dates';
import { DiagnosticsSection } from './DiagnosticsSection';
import { HandOutSection } from './HandOutSection';
import { OrientationSection } from './OrientationSection';
import { ageOf, nameOf } from './labels';

/** The beneficiary's programme: its name, payable services and publics. */
export const useProgramme = (programmeId: string | undefined) =>
  useQuery({
    queryKey: ['counter-programme', programmeId],
    queryFn: () => beneficiaryActions.programme(programmeId!),
    enabled: programmeId !== undefined,
  });

/**
 * The name of the person's commune: an agent knows its structure's own and those it serves (the
 * API lists it no commune), the programme team reads any; the INSEE code otherwise.
 */
const useCommuneName = (inseeCode: string): string => {
  const { permissions } = usePermissions<Role>();
  const agent = permissions === 'PRESCRIBER_AGENT';
  const structure = useQuery({
    queryKey: ['own-structure'],
    queryFn: beneficiaryActions.ownStructure,
    enabled: agent,
  });
  const commune = useQuery({
    queryKey: ['commune', inseeCode],
    queryFn: () => beneficiaryActions.commune(inseeCode),
    enabled: permissions !== undefined && !agent,
  });
  if (agent && structure.data?.inseeCode === inseeCode && structure.data.communeName) {
    return structure.data.communeName;
  }
  const served = agent && structure.data?.servedCommunes.find((c) => c.inseeCode === inseeCode);
  if (served) return served.name;
  return commune.data?.name ?? inseeCode;
};

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="div" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
      <Typography component="dt" variant="body2" color="textSecondary">
        {translate(label)} :
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
};

const Person = ({ beneficiary }: { beneficiary: Beneficiary }) => {
  const translate = useTranslate();
  const programme = useProgramme(beneficiary.programmeId);
  const communeName = useCommuneName(beneficiary.inseeCode);
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gap: 0.5 }}>
      <Line label="carnet.beneficiaries.fields.programmeId">{programme.data?.name ?? '…'}</Line>
      <Line label="carnet.beneficiaries.fields.situation">
        {translate(`carnet.situations.${beneficiary.situation}`)}
      </Line>
      <Line label="carnet.beneficiaries.fields.age">{ageOf(beneficiary, translate)}</Line>
      <Line label="carnet.beneficiaries.fields.inseeCode">{communeName}</Line>
      {beneficiary.contact && (
        <Line label="carnet.beneficiaries.fields.contact">
          {beneficiary.contact}
          {beneficiary.consentScope &&
            ` — ${translate('carnet.beneficiaries.consentedTo', {
              scope: translate(`carnet.consentScopes.${beneficiary.consentScope}`),
              date: beneficiary.consentAt ? formatDateTime(beneficiary.consentAt) : '',
            })}`}
        </Line>
      )}
      <Line label="carnet.beneficiaries.fields.createdAt">{formatDay(beneficiary.createdAt)}</Line>
    </Box>
  );
};

const BeneficiaryPage = () => {
  const beneficiary = useRecordContext<Beneficiary>();
  const translate = useTranslate();
  const programme = useProgramme(beneficiary?.programmeId);
  if (!beneficiary) return null;
  return (
    <Stack spacing={3} sx={{ p: 2, maxWidth: 720 }}>
      <Box>
        <Typography variant="h5" component="h2" sx={{ mb: 1, overflowWrap: 'anywhere' }}>
          {nameOf(beneficiary, translate)}
        </Typography>
        <Person beneficiary={beneficiary} />
      </Box>
      <Divider />
      <DiagnosticsSection
        beneficiaryId={beneficiary.id}
        payableServices={programme.data?.payableServices ?? []}
      />
      <Divider />
      <HandOutSection beneficiaryId={beneficiary.id} />
      <Divider />
      <OrientationSection beneficiaryId={beneficiary.id} />
    </Stack>
  );
};

/** A person at the counter: who, their diagnostics, the carnet handed out, where to go. */
export const BeneficiaryShow = () => (
  <Show actions={false} title="carnet.beneficiaries.title">
    <BeneficiaryPage />
  </Show>
);
