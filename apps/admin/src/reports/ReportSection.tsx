import TableIcon from '@mui/icons-material/TableChart';
import { Alert, Box, Button, Card, CardContent, Collapse, Stack, Typography } from '@mui/material';
import { type ReactNode, useId, useState } from 'react';
import { Loading, useTranslate } from 'react-admin';

import { ExportButtons } from './ExportButtons';
import type { ReportName } from './reportData';

/**
 * One report on a dashboard: its title (a level-2 heading), its export buttons, a sentence on
 * what it counts, then its chart with the figures as a table one click away (« Voir le
 * tableau »), or the table alone. `testId` marks the section for tests.
 */
export const ReportSection = ({
  title,
  description,
  programmeId,
  report,
  chart,
  table,
  tableOpen = false,
  isPending,
  error,
  testId,
}: {
  title: string;
  description?: ReactNode;
  programmeId: string;
  /** The report the export buttons download. */
  report: ReportName;
  /** A chart whose data `table` shows; without one, the table is the section. */
  chart?: ReactNode;
  table: ReactNode;
  tableOpen?: boolean;
  isPending?: boolean;
  error?: Error | null;
  testId: string;
}) => {
  const translate = useTranslate();
  const id = useId();
  const [showTable, setShowTable] = useState(tableOpen);
  const headingId = `${id}-heading`;
  const tableId = `${id}-table`;
  return (
    <Card component="section" aria-labelledby={headingId} data-testid={testId} sx={{ minWidth: 0 }}>
      <CardContent>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}
        >
          <Typography variant="h6" component="h2" id={headingId}>
            {title}
          </Typography>
          <ExportButtons programmeId={programmeId} report={report} title={title} />
        </Stack>
        {description && (
          <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
            {description}
          </Typography>
        )}
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{error.message}</Alert>
        ) : chart ? (
          <>
            <Box
              component="figure"
              aria-labelledby={headingId}
              sx={{ m: 0, width: '100%', minWidth: 0 }}
            >
              {chart}
            </Box>
            <Button
              startIcon={<TableIcon />}
              aria-expanded={showTable}
              aria-controls={tableId}
              onClick={() => setShowTable((shown) => !shown)}
              sx={{ minHeight: 44, mt: 1 }}
            >
              {translate(showTable ? 'carnet.reports.hideTable' : 'carnet.reports.showTable')}
            </Button>
            <Collapse in={showTable} id={tableId} unmountOnExit>
              <Box sx={{ mt: 1 }}>{table}</Box>
            </Collapse>
          </>
        ) : (
          table
        )}
      </CardContent>
    </Card>
  );
};
