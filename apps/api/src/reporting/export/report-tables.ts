import type {
  CommuneReportDto,
  CommuneReportRowDto,
  ExpiryOutlookReportDto,
  ExpiryOutlookRowDto,
  FunderReportDto,
  FunderReportRowDto,
  NeedReportDto,
  NeedReportRowDto,
  PrescriberReportDto,
  PrescriberReportRowDto,
  ReportScopeDto,
  ServiceReportDto,
  ServiceReportRowDto,
  SummaryReportDto,
  TimeseriesReportDto,
  TimeseriesRowDto,
  VenueReportDto,
  VenueReportRowDto,
} from '../dto/report.dto.js';
import {
  AGE_BAND_LABELS,
  FUNDER_KIND_LABELS,
  HOLDER_KIND_LABELS,
  PRESCRIBER_TYPE_LABELS,
  SITUATION_LABELS,
  needLabel,
} from './labels.js';
import {
  type Cell,
  type CellKind,
  type CellValue,
  type Column,
  type Table,
  tableOf,
} from './table.js';

// One column list per report: its CSV and XLSX are written from it, in this order, under these
// French headers.

const EXPIRY_RANGES: Record<30 | 60 | 90, string> = {
  30: '0 à 30 jours',
  60: '31 à 60 jours',
  90: '61 à 90 jours',
};

export const BY_COMMUNE_COLUMNS: Column<CommuneReportRowDto>[] = [
  { header: 'Code INSEE', kind: 'text', value: (r) => r.inseeCode },
  { header: 'Commune', kind: 'text', value: (r) => r.communeName, width: 28 },
  { header: 'Population', kind: 'integer', value: (r) => r.population },
  { header: 'Latitude', kind: 'decimal', value: (r) => r.latitude },
  { header: 'Longitude', kind: 'decimal', value: (r) => r.longitude },
  { header: 'Carnets alloués', kind: 'integer', value: (r) => r.allocated },
  { header: 'Carnets reçus', kind: 'integer', value: (r) => r.received },
  { header: 'Carnets en stock', kind: 'integer', value: (r) => r.stock },
  { header: 'Carnets remis', kind: 'integer', value: (r) => r.handedOut },
  { header: 'Foyers', kind: 'integer', value: (r) => r.households },
  { header: 'Carnets entamés', kind: 'integer', value: (r) => r.started },
  { header: 'Carnets terminés', kind: 'integer', value: (r) => r.completed },
  { header: 'Chèques utilisés', kind: 'integer', value: (r) => r.usedCheques },
  { header: 'Montant utilisé (€)', kind: 'cents', value: (r) => r.usedCents },
  {
    header: 'Carnets remis pour 1 000 habitants',
    kind: 'decimal',
    value: (r) => r.handedOutPer1000,
  },
  {
    header: 'Chèques utilisés pour 1 000 habitants',
    kind: 'decimal',
    value: (r) => r.usedChequesPer1000,
  },
  { header: "Taux d'utilisation (%)", kind: 'percent', value: (r) => r.redemptionRate },
  {
    header: 'Délai médian avant première utilisation (jours)',
    kind: 'integer',
    value: (r) => r.firstUseMedianDays,
  },
];

export const BY_PRESCRIBER_COLUMNS: Column<PrescriberReportRowDto>[] = [
  { header: 'Structure', kind: 'text', value: (r) => r.name, width: 32 },
  { header: 'Type', kind: 'text', value: (r) => (r.type ? PRESCRIBER_TYPE_LABELS[r.type] : null) },
  { header: 'Code INSEE', kind: 'text', value: (r) => r.inseeCode },
  { header: 'Commune', kind: 'text', value: (r) => r.communeName, width: 24 },
  { header: 'Carnets en stock', kind: 'integer', value: (r) => r.stock },
  { header: 'Carnets remis', kind: 'integer', value: (r) => r.handedOut },
  { header: 'Foyers', kind: 'integer', value: (r) => r.households },
  { header: 'Carnets entamés', kind: 'integer', value: (r) => r.started },
  { header: 'Carnets terminés', kind: 'integer', value: (r) => r.completed },
  { header: 'Chèques utilisés', kind: 'integer', value: (r) => r.usedCheques },
  { header: 'Montant utilisé (€)', kind: 'cents', value: (r) => r.usedCents },
  { header: "Taux d'utilisation (%)", kind: 'percent', value: (r) => r.redemptionRate },
  {
    header: 'Délai médian avant première utilisation (jours)',
    kind: 'integer',
    value: (r) => r.firstUseMedianDays,
  },
  {
    header: 'Délai avant première utilisation, 90e centile (jours)',
    kind: 'integer',
    value: (r) => r.firstUseP90Days,
  },
];

export const BY_VENUE_COLUMNS: Column<VenueReportRowDto>[] = [
  { header: 'Lieu', kind: 'text', value: (r) => r.name, width: 36 },
  { header: 'Code INSEE', kind: 'text', value: (r) => r.inseeCode },
  { header: 'Commune', kind: 'text', value: (r) => r.communeName, width: 24 },
  { header: 'Latitude', kind: 'decimal', value: (r) => r.latitude },
  { header: 'Longitude', kind: 'decimal', value: (r) => r.longitude },
  { header: 'Séances', kind: 'integer', value: (r) => r.redemptions },
  { header: 'Chèques', kind: 'integer', value: (r) => r.cheques },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.amountCents },
  { header: 'Participants', kind: 'integer', value: (r) => r.participants },
  { header: 'Services', kind: 'integer', value: (r) => r.services },
  { header: 'Montant payé (€)', kind: 'cents', value: (r) => r.paidCents },
];

export const BY_SERVICE_COLUMNS: Column<ServiceReportRowDto>[] = [
  { header: 'Service', kind: 'text', value: (r) => r.service, width: 44 },
  { header: 'Séances', kind: 'integer', value: (r) => r.redemptions },
  { header: 'Chèques', kind: 'integer', value: (r) => r.cheques },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.amountCents },
  { header: 'Lieux', kind: 'integer', value: (r) => r.venues },
];

export const BY_NEED_COLUMNS: Column<NeedReportRowDto>[] = [
  { header: 'Besoin', kind: 'text', value: (r) => needLabel(r.kind, r.need), width: 44 },
  { header: 'Carnets remis', kind: 'integer', value: (r) => r.carnets },
  { header: 'Chèques utilisés', kind: 'integer', value: (r) => r.usedCheques },
  { header: 'Montant utilisé (€)', kind: 'cents', value: (r) => r.usedCents },
];

export const BY_FUNDER_COLUMNS: Column<FunderReportRowDto>[] = [
  { header: 'Financeur', kind: 'text', value: (r) => r.funderName, width: 36 },
  { header: 'Type', kind: 'text', value: (r) => FUNDER_KIND_LABELS[r.kind] },
  { header: 'Part (%)', kind: 'percent', value: (r) => r.basisPoints / 10_000 },
  { header: 'Budget (€)', kind: 'cents', value: (r) => r.budgetCents },
  { header: 'Engagé (€)', kind: 'cents', value: (r) => r.committedCents },
  { header: 'Consommé (€)', kind: 'cents', value: (r) => r.redeemedCents },
  { header: 'Payé (€)', kind: 'cents', value: (r) => r.paidCents },
];

export const TIMESERIES_COLUMNS: Column<TimeseriesRowDto>[] = [
  { header: 'Mois', kind: 'period', value: (r) => r.period },
  { header: 'Carnets remis', kind: 'integer', value: (r) => r.handedOut },
  { header: 'Chèques utilisés', kind: 'integer', value: (r) => r.usedCheques },
  { header: 'Séances', kind: 'integer', value: (r) => r.redemptions },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.amountCents },
  { header: 'Montant payé (€)', kind: 'cents', value: (r) => r.paidCents },
];

export const EXPIRY_OUTLOOK_COLUMNS: Column<ExpiryOutlookRowDto>[] = [
  {
    header: 'Fin de validité dans',
    kind: 'text',
    value: (r) => EXPIRY_RANGES[r.withinDays],
    width: 16,
  },
  { header: 'Détenteur', kind: 'text', value: (r) => HOLDER_KIND_LABELS[r.holderKind], width: 20 },
  { header: 'Code INSEE', kind: 'text', value: (r) => r.inseeCode },
  { header: 'Commune', kind: 'text', value: (r) => r.communeName, width: 24 },
  { header: 'Structure', kind: 'text', value: (r) => r.prescriberName, width: 32 },
  { header: 'Chèques', kind: 'integer', value: (r) => r.cheques },
  { header: 'Valeur (€)', kind: 'cents', value: (r) => r.cents },
];

/** The reports as tables, by the name their route and file carry. */
export const REPORT_TABLES = {
  'by-commune': (r: CommuneReportDto) => tableOf('Par commune', BY_COMMUNE_COLUMNS, r.rows),
  'by-prescriber': (r: PrescriberReportDto) =>
    tableOf('Par structure', BY_PRESCRIBER_COLUMNS, r.rows),
  'by-venue': (r: VenueReportDto) => tableOf('Par lieu', BY_VENUE_COLUMNS, r.rows),
  'by-service': (r: ServiceReportDto) => tableOf('Par service', BY_SERVICE_COLUMNS, r.rows),
  'by-need': (r: NeedReportDto) => tableOf('Par besoin', BY_NEED_COLUMNS, r.rows),
  'by-funder': (r: FunderReportDto) => tableOf('Par financeur', BY_FUNDER_COLUMNS, r.rows),
  timeseries: (r: TimeseriesReportDto) => tableOf('Par mois', TIMESERIES_COLUMNS, r.rows),
  'expiry-outlook': (r: ExpiryOutlookReportDto) =>
    tableOf('Échéances', EXPIRY_OUTLOOK_COLUMNS, r.rows),
  summary: summaryTable,
} as const;

export type ReportName = keyof typeof REPORT_TABLES;

function scopeLabel(scope: ReportScopeDto): string {
  switch (scope.kind) {
    case 'PROGRAMME':
      return 'Tout le programme';
    case 'COMMUNE':
      return `Commune de ${scope.communeName} (${scope.inseeCode})`;
    case 'VENUE':
      return `Lieu : ${scope.venueName}`;
  }
}

/**
 * The summary as two columns « Indicateur ; Valeur », one figure a line; figures the scope does
 * not have (the budget for a commune) are left out.
 */
export function summaryTable(report: SummaryReportDto): Table {
  const lines: [string, CellKind, CellValue][] = [];
  const add = (label: string, kind: CellKind, value: CellValue) => {
    if (value !== null) lines.push([label, kind, value]);
  };
  add('Programme', 'text', report.programmeName);
  add('Périmètre', 'text', scopeLabel(report.scope));
  add('Données au', 'instant', report.asOf);
  const { carnets, cheques, households, amounts, firstUse } = report;
  add('Carnets émis', 'integer', carnets.issued);
  add('Carnets alloués', 'integer', carnets.allocated);
  add('Carnets dans le stock du programme', 'integer', carnets.atProgramme);
  add('Carnets dans les communes', 'integer', carnets.atCommunes);
  add('Carnets dans les structures', 'integer', carnets.atPrescribers);
  add('Carnets remis', 'integer', carnets.handedOut);
  add('Carnets entamés', 'integer', carnets.started);
  add('Carnets terminés', 'integer', carnets.completed);
  add('Chèques émis', 'integer', cheques.issued);
  add('Chèques non utilisés', 'integer', cheques.unused);
  add('Chèques encaissés, à rembourser', 'integer', cheques.redeemed);
  add('Chèques dans un lot de remboursement', 'integer', cheques.inBatch);
  add('Chèques remboursés', 'integer', cheques.reimbursed);
  add('Chèques expirés', 'integer', cheques.expired);
  add('Chèques annulés', 'integer', cheques.cancelled);
  add('Chèques utilisés', 'integer', cheques.used);
  add("Taux d'utilisation (%)", 'percent', cheques.redemptionRate);
  add('Foyers touchés', 'integer', households.total);
  for (const s of households.bySituation) {
    add(`Foyers : ${SITUATION_LABELS[s.situation]}`, 'integer', s.households);
  }
  for (const a of households.byAgeBand) {
    add(`Foyers : ${AGE_BAND_LABELS[a.ageBand]}`, 'integer', a.households);
  }
  if (amounts) {
    add('Budget (€)', 'cents', amounts.budgetCents);
    add('Montant engagé (€)', 'cents', amounts.committedCents);
    add('Montant consommé (€)', 'cents', amounts.redeemedCents);
    add('Montant payé (€)', 'cents', amounts.paidCents);
    add('Reste à engager (€)', 'cents', amounts.remainingCents);
  }
  for (const f of report.byFunder ?? []) {
    add(`${f.funderName} : part (%)`, 'percent', f.basisPoints / 10_000);
    add(`${f.funderName} : engagé (€)`, 'cents', f.committedCents);
    add(`${f.funderName} : consommé (€)`, 'cents', f.redeemedCents);
    add(`${f.funderName} : payé (€)`, 'cents', f.paidCents);
  }
  add('Carnets utilisés au moins une fois', 'integer', firstUse.carnets);
  add('Délai médian avant première utilisation (jours)', 'integer', firstUse.medianDays);
  add('Délai avant première utilisation, 90e centile (jours)', 'integer', firstUse.p90Days);
  for (const e of report.expiry) {
    add(`Chèques dont la validité finit dans ${EXPIRY_RANGES[e.withinDays]}`, 'integer', e.cheques);
    add(`Valeur dont la validité finit dans ${EXPIRY_RANGES[e.withinDays]} (€)`, 'cents', e.cents);
  }
  const rows: Cell[][] = lines.map(([label, kind, value]) => [
    { kind: 'text', value: label },
    { kind, value },
  ]);
  return {
    sheet: 'Synthèse',
    headers: [
      { header: 'Indicateur', width: 56 },
      { header: 'Valeur', width: 22 },
    ],
    rows,
  };
}
