import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { isStructurallyPdf } from '#src/files/pdf-structure.js';
import { readPdf } from '../../../test/pdf-text.js';
import {
  type BatchSummaryLine,
  type BatchSummaryMeta,
  BatchSummaryMismatchError,
  lineStatusLabel,
  nothingToPaySentence,
  writeBatchSummaryPdf,
} from './batch-summary-pdf.js';

function sink() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/** Every third line on hold, the others payable; 10 € cheques. */
function lines(count: number): BatchSummaryLine[] {
  return Array.from({ length: count }, (_, i) => ({
    venueName: i === 0 ? 'Espace numérique « Liévin »' : `Lieu n° ${i}`,
    venuePivot: String(21620510700015 + i),
    status: i % 3 === 2 ? 'ON_HOLD' : 'PAYABLE',
    holdReasons: i % 3 === 2 ? ['VENUE_SUSPENDED', 'NO_VERIFIED_BANK_ACCOUNT'] : [],
    chequeCount: 1 + (i % 5),
    amountCents: (1 + (i % 5)) * 1000,
  }));
}

function meta(
  rows: BatchSummaryLine[],
  overrides: Partial<BatchSummaryMeta> = {},
): BatchSummaryMeta {
  const payable = rows.filter((line) => line.status !== 'ON_HOLD');
  const onHold = rows.filter((line) => line.status === 'ON_HOLD');
  const sum = (list: BatchSummaryLine[]) =>
    list.reduce((total, line) => total + line.amountCents, 0);
  const payableCents = sum(payable);
  const state = Math.round(payableCents * 0.6);
  return {
    batchId: '3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b',
    programmeName: 'Pass numérique Lens-Liévin 2026-2027',
    period: '2026-10',
    status: 'APPROVED',
    sealedAt: new Date('2026-11-01T05:10:00Z'),
    approvedBy: 'Élise Trésorière',
    approvedAt: new Date('2026-11-02T14:05:00Z'),
    generatedAt: new Date('2026-11-03T09:15:00Z'),
    requestedExecutionDate: '2026-12-04',
    sepaFormat: 'pain.001.001.09',
    messageId: 'PN3F2A9C1E202610',
    totals: {
      lines: rows.length,
      payableLines: payable.length,
      onHoldLines: onHold.length,
      redemptions: rows.length * 2,
      cheques: rows.reduce((total, line) => total + line.chequeCount, 0),
      payableCents,
      onHoldCents: sum(onHold),
    },
    funders: [
      { name: 'État — Préfecture du Pas-de-Calais', basisPoints: 6000, cents: state },
      { name: 'Département du Pas-de-Calais', basisPoints: 4000, cents: payableCents - state },
    ],
    compress: false,
    ...overrides,
  };
}

describe('batch summary PDF', () => {
  it('shows the batch, its totals, the funder split and every line with its status in French', async () => {
    const rows = lines(3);
    const { out, bytes } = sink();
    const summary = await writeBatchSummaryPdf(meta(rows), rows, out);
    const file = bytes();
    expect(isStructurallyPdf(file)).toBe(true);
    const pdf = readPdf(file);
    expect(pdf.embeddedFonts).toBe(2);
    expect(pdf.fonts.every((font) => /\+DejaVuSans(-Bold)?$/.test(font))).toBe(true);
    expect(file.toString('latin1')).not.toMatch(/Helvetica|Times-Roman|Courier/);

    const text = pdf.lines;
    expect(text).toEqual(
      expect.arrayContaining([
        'Synthèse du lot de remboursement',
        'Pass numérique Lens-Liévin 2026-2027 — octobre 2026',
        'Approuvé',
        'le 02/11/2026 à 15:05 par Élise Trésorière',
        'Exécution demandée',
        'le 04/12/2026',
        'PN3F2A9C1E202610 (pain.001.001.09)',
        '30,00\u00a0€ — 2 lieux',
        '30,00\u00a0€ — 1 lieu',
        '6 chèques',
        // Funders: name, share, amount.
        'État — Préfecture du Pas-de-Calais',
        '60\u00a0%',
        '18,00\u00a0€',
        'Département du Pas-de-Calais',
        '40\u00a0%',
        '12,00\u00a0€',
        // Lines.
        'Espace numérique « Liévin »',
        '21620510700015',
        'À payer',
        'Lieu n° 2',
        '3 lignes',
        '60,00\u00a0€',
      ]),
    );
    // A long status wraps in its cell: one line of text per line drawn.
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain(
      'En attente : Lieu suspendu ; Pas de coordonnées bancaires vérifiées',
    );
    expect(summary).toEqual({
      rows: 3,
      totalCents: 3000,
      pages: 1,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('says there is no transfer when every line is on hold, or there is none', async () => {
    const held = lines(3).map((line) => ({
      ...line,
      status: 'ON_HOLD' as const,
      holdReasons: ['NO_VERIFIED_BANK_ACCOUNT' as const],
    }));
    const { out, bytes } = sink();
    const summary = await writeBatchSummaryPdf(
      meta(held, { status: 'PAID', funders: [{ name: 'État', basisPoints: 10_000, cents: 0 }] }),
      held,
      out,
    );
    expect(summary).toMatchObject({ rows: 3, totalCents: 0 });
    const text = readPdf(bytes()).lines;
    expect(text).toEqual(
      expect.arrayContaining([
        'Payé',
        'Virement SEPA',
        nothingToPaySentence(3),
        '0,00\u00a0€ — 0 lieu',
        '60,00\u00a0€ — 3 lieux',
        '3 lignes',
      ]),
    );
    // No execution day nor message id for a transfer that does not exist.
    expect(text).not.toContain('le 04/12/2026');
    expect(text.join(' ')).not.toContain('PN3F2A9C1E202610');

    const empty = sink();
    await writeBatchSummaryPdf(meta([], { status: 'PAID', funders: [] }), [], empty.out);
    expect(readPdf(empty.bytes()).lines).toEqual(
      expect.arrayContaining([nothingToPaySentence(0), '0 ligne']),
    );
    expect(nothingToPaySentence(0)).not.toBe(nothingToPaySentence(1));
  });

  it('names statuses and hold reasons in French', () => {
    expect(lineStatusLabel('PAYABLE', [])).toBe('À payer');
    expect(lineStatusLabel('ON_HOLD', ['BANK_REJECTED_TRANSFER'])).toBe(
      'En attente : Virement rejeté sur le compte actuel : nouvelles coordonnées à vérifier',
    );
  });

  it('goes on over as many pages as the lines need', async () => {
    const few = await writeBatchSummaryPdf(meta(lines(5)), lines(5), sink().out);
    const many = sink();
    const rows = lines(600);
    const lots = await writeBatchSummaryPdf(meta(rows), rows, many.out);
    expect(few.pages).toBe(1);
    expect(lots.pages).toBeGreaterThan(10);
    const pdf = readPdf(many.bytes());
    expect(pdf.pages).toBe(lots.pages);
    expect(pdf.lines).toContain('Lieu n° 599');
    // The lines' table header on each page (the funders' table has its own "Montant").
    expect(pdf.lines.filter((line) => line === 'SIRET/RNA')).toHaveLength(lots.pages);
  });

  it('fails, destroying the output, when the lines or the funders do not add up', async () => {
    const rows = lines(4);
    const wrongTotal = sink();
    await expect(writeBatchSummaryPdf(meta(rows), rows.slice(1), wrongTotal.out)).rejects.toThrow(
      BatchSummaryMismatchError,
    );
    expect(wrongTotal.out.destroyed).toBe(true);

    const wrongFunders = sink();
    const base = meta(rows);
    await expect(
      writeBatchSummaryPdf(
        { ...base, funders: [{ name: 'État', basisPoints: 10_000, cents: 1 }] },
        rows,
        wrongFunders.out,
      ),
    ).rejects.toThrow(/funders' parts add up to 1 cents/);
    expect(wrongFunders.out.destroyed).toBe(true);
  });

  it('writes the same bytes again for the same batch', async () => {
    const rows = lines(20);
    const first = await writeBatchSummaryPdf(meta(rows, { compress: true }), rows, sink().out);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await writeBatchSummaryPdf(meta(rows, { compress: true }), rows, sink().out);
    expect(second.sha256).toBe(first.sha256);
  });
});
