import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import type { Summary } from './reportData';
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
 * carnets times the programme's cheques per carnet (the same for every carnet of a programme).
 * A commune's funnel starts at what it was allocated.
 */
export function funnelStages(t: (key: string) => string, summary: Summary): Stage[] {
  const { carnets, cheques } = summary;
  const perCarnet = carnets.issued > 0 ? cheques.issued / carnets.issued : 0;
  const stages: Stage[] = [
    {
      key: 'issued',
      label: t('carnet.reports.funnel.issued'),
      carnets: carnets.issued,
      cheques: cheques.issued,
    },
    {
      key: 'allocated',
      label: t('carnet.reports.funnel.allocated'),
      carnets: carnets.allocated,
      cheques: Math.round(carnets.allocated * perCarnet),
    },
    {
      key: 'handedOut',
      label: t('carnet.reports.funnel.handedOut'),
      carnets: carnets.handedOut,
      cheques: Math.round(carnets.handedOut * perCarnet),
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
  return summary.scope.kind === 'PROGRAMME' ? stages : stages.slice(1);
}

/** « Du carnet émis au chèque payé »: issued → allocated → handed out → used → paid. */
export const Funnel = ({ summary }: { summary: Summary }) => {
  const t = useTranslate();
  const stages = funnelStages(t, summary);
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
      label: t('carnet.reports.funnel.share', { stage: stages[0]?.label.toLowerCase() ?? '' }),
      numeric: true,
      value: (s) => formatRate(first > 0 ? s.cheques / first : null),
    },
  ];
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.funnel.description')}
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
