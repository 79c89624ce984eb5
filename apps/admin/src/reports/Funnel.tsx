import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type Summary, useReport } from './reportData';
import { formatRate } from './reportFormat';
import { ReportSection } from './ReportSection';

interface Stage {
  key: 'issued' | 'allocated' | 'handedOut' | 'used' | 'paid';
  label: string;
  /** Carnets at this stage (used: carnets started); null where carnets do not apply. */
  carnets: number | null;
  cheques: number;
}

/**
 * The stages of the funnel, counted in cheques so that they compare: a carnet's stages are its
 * carnets times the programme's cheques per carnet. « Alloués »: the carnets the communes
 * received from the programme's stock (net of returns), not the allocation planned. A commune's
 * funnel starts there (the programme's issuance is not its own) and counts its residents' carnets.
 */
export function funnelStages(
  t: (key: string) => string,
  summary: Summary,
  received: number,
  chequesPerCarnet: number,
): Stage[] {
  const { carnets, cheques } = summary;
  const commune = summary.scope.kind === 'COMMUNE';
  const stages: (Stage | null)[] = [
    carnets.issued === null
      ? null
      : {
          key: 'issued',
          label: t('carnet.reports.funnel.issued'),
          carnets: carnets.issued,
          cheques: cheques.issued,
        },
    {
      key: 'allocated',
      label: t(
        commune ? 'carnet.reports.funnel.allocatedCommune' : 'carnet.reports.funnel.allocated',
      ),
      carnets: received,
      cheques: received * chequesPerCarnet,
    },
    {
      key: 'handedOut',
      label: t(
        commune ? 'carnet.reports.funnel.handedOutCommune' : 'carnet.reports.funnel.handedOut',
      ),
      carnets: carnets.handedOut,
      cheques: carnets.handedOut * chequesPerCarnet,
    },
    {
      key: 'used',
      label: t('carnet.reports.funnel.used'),
      carnets: carnets.started,
      cheques: cheques.used,
    },
    {
      key: 'paid',
      label: t('carnet.reports.funnel.paid'),
      carnets: null,
      cheques: cheques.reimbursed,
    },
  ];
  return stages.filter((stage): stage is Stage => stage !== null);
}

/** « Du carnet émis au chèque payé »: issued → allocated → handed out → used → paid. */
export const Funnel = ({
  summary,
  chequesPerCarnet,
}: {
  summary: Summary;
  chequesPerCarnet: number;
}) => {
  const t = useTranslate();
  const communes = useReport(summary.programmeId, 'by-commune');
  const received = (communes.data?.rows ?? []).reduce((sum, row) => sum + row.received, 0);
  const stages = funnelStages(t, summary, received, chequesPerCarnet);
  const first = stages[0]?.cheques ?? 0;
  const title = t('carnet.reports.funnel.title');
  const columns: Column<Stage>[] = [
    { key: 'stage', label: t('carnet.reports.funnel.stage'), value: (s) => s.label },
    {
      key: 'carnets',
      label: t('carnet.reports.columns.carnets'),
      numeric: true,
      value: (s) => (s.carnets === null ? '—' : formatCount(s.carnets)),
    },
    {
      key: 'cheques',
      label: t('carnet.reports.columns.cheques'),
      numeric: true,
      value: (s) => formatCount(s.cheques),
    },
    {
      key: 'share',
      label: t('carnet.reports.funnel.share'),
      numeric: true,
      value: (s) => formatRate(first > 0 ? s.cheques / first : null),
    },
  ];
  return (
    <ReportSection
      title={title}
      description={
        summary.carnets.allocated === null
          ? t('carnet.reports.funnel.description')
          : t('carnet.reports.funnel.descriptionWithPlan', {
              smart_count: summary.carnets.allocated,
              count: formatCount(summary.carnets.allocated),
            })
      }
      isPending={communes.isPending}
      error={communes.error}
      programmeId={summary.programmeId}
      report="summary"
      testId="report-funnel"
      chart={
        <Bars
          categories={stages.map((s) => s.label)}
          series={[
            {
              label: t('carnet.reports.columns.cheques'),
              data: stages.map((s) => s.cheques),
              colour: SERIES_COLOURS.blue,
            },
          ]}
        />
      }
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={stages}
          rowKey={(s) => s.key}
          testId="table-funnel"
        />
      }
    />
  );
};
