import { assertCents, formatChequeNumber } from '@carnet/domain';
import type { Writable } from 'node:stream';
import { maskIban } from '#src/audit/redaction.js';
import {
  chequeCount,
  frenchDate,
  frenchPeriod,
  parisDate,
  parisDateAndTime,
  paymentObject,
  printedAmount,
} from './french.js';
import type { FileDigest } from './output.js';
import { BLUE, GREY, MARGIN, PdfOutput, PdfTable } from './pdf.js';

/**
 * releve-<pivot>.pdf: a venue's own copy of what a batch pays it, every redemption listed, so it
 * can check the transfer against its counter. Redemptions are drawn as they are read, page after
 * page: memory stays flat for a venue with tens of thousands of them.
 */

export interface VenueStatementMeta {
  batchId: string;
  programmeName: string;
  /** YYYY-MM. */
  period: string;
  /** The export's time: the document's date, so a retried export writes the same bytes. */
  generatedAt: Date;
  venue: { name: string; pivot: string; addressLines: readonly string[] };
  /** The account paid, as copied at sealing; shown masked (the venue knows its own). */
  payee: { holderName: string; iban: string };
  /** How the transfer is named on the bank statement (SEPA EndToEndId). */
  endToEndId: string;
  requestedExecutionDate: string | null;
  /**
   * The line as sealed, shown first; the redemptions must add up to it exactly, or the writer
   * fails (the statement would contradict the transfer).
   */
  line: { redemptionCount: number; chequeCount: number; amountCents: number };
  compress?: boolean;
}

export interface StatementRedemption {
  redeemedAt: Date;
  /** The service of the national schema (French already). */
  service: string;
  /** 12 digits each. */
  chequeNumbers: readonly string[];
  amountCents: number;
}

export interface VenueStatementSummary extends FileDigest {
  rows: number;
  cheques: number;
  totalCents: number;
  pages: number;
}

export class StatementMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementMismatchError';
  }
}

/** "FR76 •••• •••• •••• •••• •••0 189": masked, in the groups of four an IBAN is read in. */
export function maskedIban(iban: string): string {
  return maskIban(iban)
    .replace(/(.{4})(?=.)/gu, '$1 ')
    .trim();
}

const COLUMNS = [
  { header: 'Date', width: 13 },
  { header: 'Service', width: 34 },
  { header: 'Chèques', width: 38 },
  { header: 'Montant', width: 15, align: 'right' as const },
];

/** Rows drawn between two looks at the output. */
const ROWS_BETWEEN_CHECKS = 32;

/**
 * Writes a venue's statement into `out` and ends it. Throws StatementMismatchError (with `out`
 * destroyed) when the redemptions do not add up to `meta.line`.
 */
export async function writeVenueStatementPdf(
  meta: VenueStatementMeta,
  redemptions: Iterable<StatementRedemption> | AsyncIterable<StatementRedemption>,
  out: Writable,
): Promise<VenueStatementSummary> {
  const pdf = new PdfOutput(
    {
      title: `Relevé de remboursement — ${meta.venue.name} — ${frenchPeriod(meta.period)}`,
      subject: paymentObject(meta.programmeName, meta.period),
      createdAt: meta.generatedAt,
      footer: `${meta.venue.name} · ${frenchPeriod(meta.period)} · lot ${meta.batchId}`,
      compress: meta.compress,
    },
    out,
  );
  try {
    pdf.addPage();
    const top = heading(pdf, meta);
    const table = new PdfTable(pdf, COLUMNS, () => continuation(pdf, meta));
    table.start(top);
    let rows = 0;
    let cheques = 0;
    let totalCents = 0;
    for await (const redemption of redemptions) {
      rows++;
      assertCents(redemption.amountCents);
      cheques += redemption.chequeNumbers.length;
      totalCents += redemption.amountCents;
      table.row([
        parisDate(redemption.redeemedAt),
        redemption.service,
        redemption.chequeNumbers.map(formatChequeNumber).join(', '),
        printedAmount(redemption.amountCents),
      ]);
      if (rows % ROWS_BETWEEN_CHECKS === 0) await pdf.relieve();
    }
    const { line } = meta;
    if (
      rows !== line.redemptionCount ||
      cheques !== line.chequeCount ||
      totalCents !== line.amountCents
    ) {
      throw new StatementMismatchError(
        `The statement of ${meta.venue.pivot} lists ${rows} redemptions, ${cheques} cheques, ` +
          `${totalCents} cents; the line has ${line.redemptionCount}, ${line.chequeCount}, ${line.amountCents}`,
      );
    }
    table.row(
      [
        'Total',
        `${rows} ${rows < 2 ? 'encaissement' : 'encaissements'}`,
        chequeCount(cheques),
        printedAmount(totalCents),
      ],
      true,
    );
    const digest = await pdf.end();
    return { rows, cheques, totalCents, pages: pdf.pages, ...digest };
  } catch (error) {
    return pdf.fail(error);
  }
}

/** The first page's heading; returns where the table starts. */
function heading(pdf: PdfOutput, meta: VenueStatementMeta): number {
  const width = pdf.width;
  let y = MARGIN;
  pdf.bold(16, BLUE);
  y = pdf.text('Relevé de remboursement', MARGIN, y, width);
  pdf.regular(11);
  y = pdf.text(paymentObject(meta.programmeName, meta.period), MARGIN, y + 2, width);
  y += 12;

  const half = width / 2 - 10;
  const right = MARGIN + width / 2 + 10;
  pdf.bold(10, GREY);
  pdf.text('Lieu', MARGIN, y, half);
  pdf.text('Virement', right, y, half);
  y += 14;

  pdf.bold(10);
  let left = pdf.text(meta.venue.name, MARGIN, y, half);
  pdf.regular(10);
  left = pdf.text(`SIRET/RNA : ${meta.venue.pivot}`, MARGIN, left, half);
  for (const addressLine of meta.venue.addressLines) {
    left = pdf.text(addressLine, MARGIN, left, half);
  }

  let other = pdf.text(`Titulaire : ${meta.payee.holderName}`, right, y, half);
  other = pdf.text(`IBAN : ${maskedIban(meta.payee.iban)}`, right, other, half);
  other = pdf.text(`Référence : ${meta.endToEndId}`, right, other, half);
  if (meta.requestedExecutionDate !== null) {
    other = pdf.text(
      `Exécution demandée le ${frenchDate(meta.requestedExecutionDate)}`,
      right,
      other,
      half,
    );
  }
  y = Math.max(left, other) + 12;

  const { line } = meta;
  pdf.bold(12);
  y = pdf.text(
    `Montant remboursé : ${printedAmount(line.amountCents)} pour ${chequeCount(line.chequeCount)}`,
    MARGIN,
    y,
    width,
  );
  pdf.regular(9, GREY);
  y = pdf.text(
    `Chèques encaissés en ${frenchPeriod(meta.period)} et non encore remboursés. ` +
      `Document édité le ${parisDateAndTime(meta.generatedAt)}.`,
    MARGIN,
    y + 2,
    width,
  );
  return y + 12;
}

/** The heading of the following pages; returns where the table goes on. */
function continuation(pdf: PdfOutput, meta: VenueStatementMeta): number {
  pdf.bold(10, BLUE);
  const y = pdf.text(
    `Relevé de remboursement — ${meta.venue.name} — ${frenchPeriod(meta.period)} (suite)`,
    MARGIN,
    MARGIN,
    pdf.width,
  );
  return y + 8;
}
