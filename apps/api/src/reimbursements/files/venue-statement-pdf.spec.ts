import { chequeNumber } from '@carnet/domain';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isStructurallyPdf } from '#src/files/pdf-structure.js';
import { readPdf } from '../../../test/pdf-text.js';
import {
  maskedIban,
  type StatementRedemption,
  StatementMismatchError,
  type VenueStatementMeta,
  writeVenueStatementPdf,
} from './venue-statement-pdf.js';

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

function redemptions(count: number): StatementRedemption[] {
  return Array.from({ length: count }, (_, i) => ({
    redeemedAt: new Date(Date.UTC(2026, 9, 1 + (i % 31), 9, 30)),
    service: i % 2 === 0 ? 'Aide aux démarches administratives' : 'Maîtrise des outils numériques',
    chequeNumbers: [chequeNumber(2 * i + 1), chequeNumber(2 * i + 2)],
    amountCents: 2000,
  }));
}

function meta(count: number, overrides: Partial<VenueStatementMeta> = {}): VenueStatementMeta {
  return {
    batchId: '3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b',
    programmeName: 'Lens-Liévin 2026-2027',
    period: '2026-10',
    generatedAt: new Date('2026-11-03T09:15:00Z'),
    venue: {
      name: 'Médiathèque « Œuvre » de Liévin',
      pivot: '21620510700015',
      addressLines: ['12 rue de la Gare', '62800 Liévin'],
    },
    payee: { holderName: 'Commune de Liévin', iban: 'FR7630006000011234567890189' },
    endToEndId: 'PN3F2A9C1EA1B2C3D4',
    requestedExecutionDate: '2026-12-04',
    line: { redemptionCount: count, chequeCount: 2 * count, amountCents: 2000 * count },
    compress: false,
    ...overrides,
  };
}

describe('venue statement PDF', () => {
  it('embeds DejaVu (no standard font) and writes French text, the masked IBAN and the total', async () => {
    const { out, bytes } = sink();
    const summary = await writeVenueStatementPdf(meta(3), redemptions(3), out);
    const file = bytes();
    expect(isStructurallyPdf(file)).toBe(true);

    const pdf = readPdf(file);
    expect(pdf.fonts.sort()).toEqual([
      expect.stringMatching(/^[A-Z]{6}\+DejaVuSans$/),
      expect.stringMatching(/^[A-Z]{6}\+DejaVuSans-Bold$/),
    ]);
    expect(pdf.embeddedFonts).toBe(2);
    expect(file.toString('latin1')).not.toMatch(/Helvetica|Times-Roman|Courier/);
    expect(pdf.pages).toBe(1);

    const text = pdf.lines.join('\n');
    expect(text).toContain('Relevé de remboursement');
    expect(text).toContain('Pass numérique — Lens-Liévin 2026-2027 — octobre 2026');
    expect(text).toContain('Médiathèque « Œuvre » de Liévin');
    expect(text).toContain('SIRET/RNA : 21620510700015');
    expect(text).toContain('62800 Liévin');
    expect(text).toContain('Titulaire : Commune de Liévin');
    expect(text).toContain(`IBAN : FR76 •••• •••• •••• •••• •••0 189`);
    expect(text).not.toContain('30006000011234567890');
    expect(text).toContain('Exécution demandée le 04/12/2026');
    expect(text).toContain('Montant remboursé : 60,00\u00a0€ pour 6 chèques');
    expect(pdf.lines).toEqual(
      expect.arrayContaining(['01/10/2026', '0000 0000 0013, 0000 0000 0021', '20,00\u00a0€']),
    );
    expect(pdf.lines).toEqual(
      expect.arrayContaining(['Total', '3 encaissements', '6 chèques', '60,00\u00a0€']),
    );

    expect(summary).toEqual({
      rows: 3,
      cheques: 6,
      totalCents: 6000,
      pages: 1,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('masks an IBAN in groups of four', () => {
    expect(maskedIban('FR7630006000011234567890189')).toBe('FR76 •••• •••• •••• •••• •••0 189');
  });

  it('goes on over as many pages as the rows need, the header on each', async () => {
    const one = sink();
    const few = await writeVenueStatementPdf(meta(10), redemptions(10), one.out);
    const many = sink();
    const lots = await writeVenueStatementPdf(meta(400), redemptions(400), many.out);
    expect(few.pages).toBe(1);
    expect(lots.pages).toBeGreaterThan(8);
    const pdf = readPdf(many.bytes());
    expect(pdf.pages).toBe(lots.pages);
    expect(pdf.lines.filter((line) => line === 'Montant')).toHaveLength(lots.pages);
    expect(pdf.lines).toContain(`Page ${lots.pages}`);
    expect(pdf.lines.filter((line) => line.endsWith('(suite)'))).toHaveLength(lots.pages - 1);
  });

  it('writes the same bytes again for the same statement', async () => {
    const first = await writeVenueStatementPdf(
      meta(5, { compress: true }),
      redemptions(5),
      sink().out,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await writeVenueStatementPdf(
      meta(5, { compress: true }),
      redemptions(5),
      sink().out,
    );
    expect(second.sha256).toBe(first.sha256);
  });

  it('fails, destroying the output, when the redemptions do not add up to the line', async () => {
    const { out } = sink();
    await expect(writeVenueStatementPdf(meta(4), redemptions(3), out)).rejects.toThrow(
      StatementMismatchError,
    );
    expect(out.destroyed).toBe(true);
  });

  it('draws 20,000 redemptions page by page with the heap flat', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 20_000;
    const samples: number[] = [];
    async function* many(): AsyncGenerator<StatementRedemption> {
      for (let i = 0; i < count; i++) {
        if (i % 100 === 0) await Promise.resolve();
        if (i === count / 2) {
          gc();
          samples.push(process.memoryUsage().heapUsed);
        }
        yield {
          redeemedAt: new Date(Date.UTC(2026, 9, 1 + (i % 31), 9, 30)),
          service: 'Aide aux démarches administratives',
          chequeNumbers: [chequeNumber(2 * i + 1), chequeNumber(2 * i + 2)],
          amountCents: 2000,
        };
      }
    }
    const hash = createHash('sha256');
    let received = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        received += chunk.length;
        setImmediate(callback);
      },
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    const summary = await writeVenueStatementPdf(meta(count, { compress: true }), many(), out);
    gc();
    const after = process.memoryUsage().heapUsed;
    const peak = Math.max(...samples, after);

    expect(summary.pages).toBeGreaterThan(400);
    expect(summary.bytes).toBe(received);
    expect(summary.sha256).toBe(hash.digest('hex'));
    // A writer holding its pages (pdfkit's bufferPages) would keep several MB of drawing.
    expect(peak - before).toBeLessThan(8_000_000);
  });
});
