import type { Schemas } from '@carnet/api-client';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Stack, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import {
  DataTable,
  ListContextProvider,
  Loading,
  useGetList,
  useGetOne,
  useList,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import type { ProgrammeParts } from '../programmeData';
import { criterionLabel } from './criteria';
import { ImportCriteriaDialog } from './ImportCriteriaDialog';
import { byFrenchName } from '../tables';
import { useCanChangeProgramme } from '../programmes/useCanChangeProgramme';
import { Button } from '../Button';

type Programme = Schemas['ProgrammeResponseDto'];
type Enrolment = Schemas['EnrolmentResponseDto'];

interface CriteriaRow {
  id: string;
  inseeCode: string;
  communeName: string;
  criteria: Record<string, number>;
}

/** The social criteria of the allocation key, one row per enrolled commune. */
export const CriteriaTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const [importing, setImporting] = useState(false);
  const id = programme?.id ?? '';
  const { data, isPending, error } = useGetOne<ProgrammeParts['criteria']>(
    'criteria',
    { id },
    { enabled: programme !== undefined },
  );
  // The criteria name communes by INSEE code only: the enrolments give their names.
  const { data: enrolments } = useGetList<Enrolment>(
    'enrolments',
    { filter: { programmeId: id } },
    { enabled: programme !== undefined },
  );
  const rows = useMemo<CriteriaRow[] | undefined>(() => {
    if (!data) return undefined;
    const names = new Map(enrolments?.map((e) => [e.inseeCode, e.communeName]));
    return byFrenchName(
      data.rows.map((row) => ({
        id: row.inseeCode,
        inseeCode: row.inseeCode,
        communeName: names.get(row.inseeCode) ?? row.inseeCode,
        criteria: row.criteria,
      })),
      (row) => row.communeName,
    );
  }, [data, enrolments]);
  const listContext = useList({
    data: rows,
    isPending,
    resource: 'criteria',
    perPage: 1000,
  });
  if (!programme) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="textSecondary">
          {translate('carnet.criteria.count', { smart_count: data.rows.length })}
        </Typography>
        {canChange && (
          <Button
            label="carnet.criteria.importButton"
            variant="outlined"
            onClick={() => setImporting(true)}
          >
            <UploadFileIcon />
          </Button>
        )}
      </Stack>
      {data.rows.length === 0 ? (
        <Typography variant="body2">{translate('carnet.criteria.none')}</Typography>
      ) : (
        <ListContextProvider value={listContext}>
          <DataTable<CriteriaRow> bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="communeName" label="resources.enrolments.fields.communeName" />
            <DataTable.Col source="inseeCode" label="resources.communes.fields.inseeCode" />
            {data.criteria.map((criterion) => (
              <DataTable.NumberCol
                key={criterion}
                source={`criteria.${criterion}`}
                label={criterionLabel(translate, criterion)}
                locales="fr-FR"
              />
            ))}
          </DataTable>
        </ListContextProvider>
      )}
      <ImportCriteriaDialog
        programmeId={programme.id}
        open={importing}
        onClose={() => setImporting(false)}
      />
    </Stack>
  );
};
