import {
  assertCents,
  type BatchLineStatus,
  type BatchStatus,
  type LineHoldReason,
} from '@carnet/domain';
import type { Writable } from 'node:stream';
import {
  BATCH_STATUS_LABELS,
  chequeCount,
  frenchDate,
  frenchPeriod,
  HOLD_REASON_LABELS,
  LINE_STATUS_LABELS,
  parisDateAndTime,
  paymentObject,
  percentOf,
  printedAmount,
} from './french.js';
import type { FileDigest } from './output.js';
import { BLUE, GREY, MARGIN, PdfOutput, PdfTable } from './pdf.js';

/**
 * synthese.pdf: a batch on paper for whoever signs or audits it: its totals, how the funders
 * share it, and every venue's line (paid or on hold, and why), streamed page by page. A batch with
 * no payable line says so where the transfer would be named: it is the one file of its export
 * besides the manifest, the record of what waits and why.
 */

export interface BatchSummaryMeta {
  batchId: string;
  programmeName: string;
  /** YYYY-MM. */
  period: string;
  status: BatchStatus;
  /** When the batch was sealed (GENERATING → DRAFT). */
  sealedAt: Date;
  /** Who approved it, as named at the time, and when. */
  approvedBy: string | null;
  approvedAt: Date | null;
  /** The export's time: the document's date, so a retried export writes the same bytes. */
  generatedAt: Date;
  requestedExecutionDate: string | null;
  sepaFormat: string | null;
  messageId: string | null;
  /**
   * The batch's totals as sealed, shown first; the lines must add up to them exactly, or the
   * writer fails (the summary would contradict the transfer file).
   */
  totals: {
    lines: number;
    payableLines: number;
    onHoldLines: number;
    redemptions: number;
    cheques: number;
    payableCents: number;
    onHoldCents: number;
  };
  /** Each funder's part of the payable total. */
  funders: readonly { name: string; basisPoints: number; cents: number }[];
  compress?: boolean;
}

export interface BatchSummaryLine {
  venueName: string;
  venuePivot: string;
  status: BatchLineStatus;
  holdReasons: readonly LineHoldReason[];
  chequeCount: number;
  amountCents: number;
}

export interface BatchSummarySummary extends FileDigest {
  rows: number;
  totalCents: number;
  pages: number;
}

export class BatchSummaryMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchSummaryMismatchError';
  }
}

const FUNDER_COLUMNS = [
  { header: 'Financeur', width: 60 },
  { header: 'Part', width: 15, align: 'right' as const },
  { header: 'Montant', width: 25, align: 'right' as const },
];

const LINE_COLUMNS = [
  { header: 'Lieu', width: 29 },
  { header: 'SIRET/RNA', width: 18 },
  { header: 'Statut', width: 29 },
  { header: 'Chèques', width: 11, align: 'right' as const },
  { header: 'Montant', width: 13, align: 'right' as const },
];

const ROWS_BETWEEN_CHECKS = 32;

/** A line's status, with why it waits: « En attente : Lieu suspendu ; … ». */
export function lineStatusLabel(status: BatchLineStatus, reasons: readonly LineHoldReason[]) {
  const label = LINE_STATUS_LABELS[status];
  return reasons.length === 0
    ? label
    : `${label} : ${reasons.map((reason) => HOLD_REASON_LABELS[reason]).join(' ; ')}`;
}

/**
 * Writes a batch's summary into `out` and ends it. Throws BatchSummaryMismatchError (with `out`
 * destroyed) when the lines do not add up to `meta.totals`.
 */
export async function writeBatchSummaryPdf(
  meta: BatchSummaryMeta,
  lines: Iterable<BatchSummaryLine> | AsyncIterable<BatchSummaryLine>,
  out: Writable,
): Promise<BatchSummarySummary> {
  const pdf = new PdfOutput(
    {
      title: `Synthèse du lot de remboursement — ${frenchPeriod(meta.period)}`,
      subject: paymentObject(meta.programmeName, meta.period),
      createdAt: meta.generatedAt,
      footer: `Synthèse · ${frenchPeriod(meta.period)} · lot ${meta.batchId}`,
      compress: meta.compress,
    },
    out,
  );
  const continuation = () => {
    pdf.bold(10, BLUE);
    const text = `Synthèse du lot — ${paymentObject(meta.programmeName, meta.period)} (suite)`;
    return pdf.text(text, MARGIN, MARGIN, pdf.width) + 8;
  };
  try {
    pdf.addPage();
    let y = heading(pdf, meta);

    pdf.bold(11, BLUE);
    y = pdf.text('Répartition entre financeurs', MARGIN, y, pdf.width) + 4;
    const funders = new PdfTable(pdf, FUNDER_COLUMNS, continuation);
    funders.start(y);
    let funderCents = 0;
    for (const funder of meta.funders) {
      funderCents += funder.cents;
      funders.row([funder.name, percentOf(funder.basisPoints), printedAmount(funder.cents)]);
    }
    if (funderCents !== meta.totals.payableCents) {
      throw new BatchSummaryMismatchError(
        `The funders' parts add up to ${funderCents} cents, the batch pays ${meta.totals.payableCents}`,
      );
    }
    funders.row(['Total', '', printedAmount(funderCents)], true);
    y = funders.end + 18;

    if (y + 60 > pdf.bottom) {
      pdf.addPage();
      y = continuation();
    }
    pdf.bold(11, BLUE);
    y = pdf.text('Lignes par lieu', MARGIN, y, pdf.width) + 4;
    const table = new PdfTable(pdf, LINE_COLUMNS, continuation);
    table.start(y);
    const seen = { lines: 0, payableLines: 0, onHoldLines: 0, cheques: 0 };
    const cents = { payable: 0, onHold: 0 };
    for await (const line of lines) {
      seen.lines++;
      assertCents(line.amountCents);
      seen.cheques += line.chequeCount;
      if (line.status === 'ON_HOLD') {
        seen.onHoldLines++;
        cents.onHold += line.amountCents;
      } else {
        seen.payableLines++;
        cents.payable += line.amountCents;
      }
      table.row([
        line.venueName,
        line.venuePivot,
        lineStatusLabel(line.status, line.holdReasons),
        String(line.chequeCount),
        printedAmount(line.amountCents),
      ]);
      if (seen.lines % ROWS_BETWEEN_CHECKS === 0) await pdf.relieve();
    }
    const { totals } = meta;
    if (
      seen.lines !== totals.lines ||
      seen.payableLines !== totals.payableLines ||
      seen.onHoldLines !== totals.onHoldLines ||
      seen.cheques !== totals.cheques ||
      cents.payable !== totals.payableCents ||
      cents.onHold !== totals.onHoldCents
    ) {
      throw new BatchSummaryMismatchError(
        `The lines add up to ${JSON.stringify({ ...seen, ...cents })}, the batch has ${JSON.stringify(totals)}`,
      );
    }
    table.row(
      [
        'Total',
        '',
        `${seen.lines} ${seen.lines < 2 ? 'ligne' : 'lignes'}`,
        String(seen.cheques),
        printedAmount(cents.payable + cents.onHold),
      ],
      true,
    );
    const digest = await pdf.end();
    return { rows: seen.lines, totalCents: cents.payable, pages: pdf.pages, ...digest };
  } catch (error) {
    return pdf.fail(error);
  }
}

/** The first page's heading and totals; returns where the funders' table starts. */
function heading(pdf: PdfOutput, meta: BatchSummaryMeta): number {
  const width = pdf.width;
  const nothingToPay = meta.totals.payableLines === 0;
  let y = MARGIN;
  pdf.bold(16, BLUE);
  y = pdf.text('Synthèse du lot de remboursement', MARGIN, y, width);
  pdf.regular(11);
  y = pdf.text(paymentObject(meta.programmeName, meta.period), MARGIN, y + 2, width) + 10;

  const facts: [string, string][] = [
    ['Lot', meta.batchId],
    ['Statut', BATCH_STATUS_LABELS[meta.status]],
    ['Scellé le', parisDateAndTime(meta.sealedAt)],
    [
      'Approuvé',
      meta.approvedAt === null
        ? 'non'
        : `le ${parisDateAndTime(meta.approvedAt)}${meta.approvedBy === null ? '' : ` par ${meta.approvedBy}`}`,
    ],
    [
      'Exécution demandée',
      meta.requestedExecutionDate === null || nothingToPay
        ? '—'
        : `le ${frenchDate(meta.requestedExecutionDate)}`,
    ],
    [
      'Virement SEPA',
      nothingToPay
        ? nothingToPaySentence(meta.totals.lines)
        : meta.messageId === null
          ? '—'
          : `${meta.messageId} (${meta.sepaFormat ?? 'format ?'})`,
    ],
    ['Document édité le', parisDateAndTime(meta.generatedAt)],
  ];
  y = factList(pdf, facts, y) + 10;

  const { totals } = meta;
  pdf.bold(11, BLUE);
  y = pdf.text('Totaux', MARGIN, y, width) + 4;
  y =
    factList(
      pdf,
      [
        [
          'À payer',
          `${printedAmount(totals.payableCents)} — ${totals.payableLines} ${totals.payableLines < 2 ? 'lieu' : 'lieux'}`,
        ],
        [
          'En attente',
          `${printedAmount(totals.onHoldCents)} — ${totals.onHoldLines} ${totals.onHoldLines < 2 ? 'lieu' : 'lieux'}`,
        ],
        ['Chèques', chequeCount(totals.cheques)],
        ['Encaissements', String(totals.redemptions)],
      ],
      y,
    ) + 14;
  return y;
}

/** Where a batch with no payable line would name its transfer. */
export function nothingToPaySentence(lines: number): string {
  return lines === 0
    ? 'Aucun : pas d’encaissement à rembourser'
    : 'Aucun : tous les lieux sont en attente (lot suivant)';
}

function factList(pdf: PdfOutput, facts: [string, string][], y: number): number {
  const labelWidth = 130;
  for (const [label, value] of facts) {
    pdf.regular(10, GREY);
    pdf.text(label, MARGIN, y, labelWidth);
    pdf.regular(10);
    y = pdf.text(value, MARGIN + labelWidth, y, pdf.width - labelWidth) + 2;
  }
  return y;
}
