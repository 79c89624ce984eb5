import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { csvText } from './csv.js';
import {
  ETAT_LIQUIDATIF_HEADERS,
  EURO_FORMAT,
  type EtatLiquidatifLine,
  type EtatLiquidatifMeta,
  writeEtatLiquidatifCsv,
  writeEtatLiquidatifXlsx,
} from './etat-liquidatif.js';

const META: EtatLiquidatifMeta = {
  programmeName: 'Lens-Liévin 2026-2027',
  period: '2026-10',
  generatedAt: new Date('2026-11-03T09:15:00Z'),
};

const LINES: EtatLiquidatifLine[] = [
  {
    venueName: 'Espace public numérique de Liévin',
    venuePivot: '21620510700015',
    venueTypologies: ['EPN', 'MUNI'],
    holderName: 'Commune de Liévin',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'AGRIFRPP836',
    chequeCount: 12_345,
    amountCents: 12_345_000,
  },
  {
    venueName: '=HYPERLINK("http://evil")',
    venuePivot: 'W623000123',
    venueTypologies: ['ASSO'],
    holderName: 'Association « Avion Connecté »; Cœur d’Artois',
    iban: 'FR1420041010050500013M02606',
    bic: null,
    chequeCount: 3,
    amountCents: 3_050,
  },
];

/** Collects what a writer produces. */
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

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('état liquidatif, CSV', () => {
  it('writes a BOM, French headers, one row per line with decimal commas, and a totals row', async () => {
    const { out, bytes } = sink();
    const summary = await writeEtatLiquidatifCsv(META, slowly(LINES), out);
    const file = bytes();

    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(file, { bom: true, delimiter: ';' });
    expect(rows).toHaveLength(1 + LINES.length + 1);
    expect(rows[0]).toEqual([...ETAT_LIQUIDATIF_HEADERS]);
    expect(rows[1]).toEqual([
      'Espace public numérique de Liévin',
      '21620510700015',
      'Espace public numérique, Commune',
      'Commune de Liévin',
      'FR7630006000011234567890189',
      'AGRIFRPP836',
      '12345',
      '10,00',
      '123450,00',
      'Pass numérique — Lens-Liévin 2026-2027 — octobre 2026',
      '',
      '',
      '',
      '',
      '',
    ]);
    // A formula is defused; ';' inside a name is quoted, not a new column.
    expect(rows[2].slice(0, 6)).toEqual([
      `'=HYPERLINK("http://evil")`,
      'W623000123',
      'Association',
      'Association « Avion Connecté »; Cœur d’Artois',
      'FR1420041010050500013M02606',
      '',
    ]);
    expect(rows[2].slice(6, 9)).toEqual(['3', '', '30,50']);
    expect(rows[3]).toEqual([
      'Total',
      '',
      '',
      '',
      '',
      '',
      '12348',
      '',
      '123480,50',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(file.toString('utf8')).toContain('\r\n');

    expect(summary).toEqual({
      rows: 2,
      cheques: 12_348,
      totalCents: 12_348_050,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('writes the header and a zero totals row for no line', async () => {
    const { out, bytes } = sink();
    const summary = await writeEtatLiquidatifCsv(META, [], out);
    const rows = parse(bytes(), { bom: true, delimiter: ';' });
    expect(rows.map((row) => row[0])).toEqual(['Tiers', 'Total']);
    expect(rows[1][8]).toBe('0,00');
    expect(summary).toMatchObject({ rows: 0, cheques: 0, totalCents: 0 });
  });

  it('fails, destroying the output, on a line without cheques', async () => {
    const { out } = sink();
    await expect(
      writeEtatLiquidatifCsv(META, [{ ...LINES[0], chequeCount: 0 }], out),
    ).rejects.toThrow('Line #1: invalid cheque count 0');
    expect(out.destroyed).toBe(true);
  });

  it('defuses only what a spreadsheet would run', () => {
    expect(csvText('+33 1 23')).toBe("'+33 1 23");
    expect(csvText('-')).toBe("'-");
    expect(csvText('@home')).toBe("'@home");
    expect(csvText('Médiathèque = savoir')).toBe('Médiathèque = savoir');
  });
});

describe('état liquidatif, XLSX', () => {
  async function produce(lines: EtatLiquidatifLine[]) {
    const { out, bytes } = sink();
    const summary = await writeEtatLiquidatifXlsx(META, slowly(lines), out);
    return { summary, file: bytes() };
  }

  it('has a bold frozen header, amounts as euro numbers, and a bold totals row', async () => {
    const { summary, file } = await produce(LINES);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('État liquidatif');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(4);

    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual([...ETAT_LIQUIDATIF_HEADERS]);
    expect(header.font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(36);

    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('Espace public numérique de Liévin');
    expect(first.getCell(2).value).toBe('21620510700015');
    expect(first.getCell(3).value).toBe('Espace public numérique, Commune');
    expect(first.getCell(7).value).toBe(12_345);
    expect(first.getCell(8).value).toBe(10);
    expect(first.getCell(9).value).toBe(123_450);
    expect(first.getCell(9).numFmt).toBe(EURO_FORMAT);
    expect(first.getCell(10).value).toBe('Pass numérique — Lens-Liévin 2026-2027 — octobre 2026');
    expect(first.getCell(11).value).toBeNull();
    // Text stays text in a workbook: no apostrophe needed.
    expect(sheet.getRow(3).getCell(1).value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getRow(3).getCell(9).value).toBe(30.5);

    const totals = sheet.getRow(4);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(7).value).toBe(12_348);
    expect(totals.getCell(9).value).toBe(123_480.5);
    expect(totals.font?.bold).toBe(true);
    expect(first.font?.bold).toBeFalsy();

    expect(workbook.creator).toBe('Carnet');
    expect(workbook.created).toEqual(META.generatedAt);
    expect(summary).toEqual({
      rows: 2,
      cheques: 12_348,
      totalCents: 12_348_050,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('writes the same bytes again for the same batch, later', async () => {
    const first = await produce(LINES);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await produce(LINES);
    expect(second.summary.sha256).toBe(first.summary.sha256);
  });

  it('streams many lines, one sheet row each', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...LINES[0],
      venueName: `Lieu n° ${i}`,
      chequeCount: 1 + (i % 7),
      amountCents: (1 + (i % 7)) * 1000,
    }));
    const { summary, file } = await produce(many);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3002);
    expect(sheet.getRow(3001).getCell(1).value).toBe('Lieu n° 2999');
    expect(sheet.getRow(3002).getCell(9).value).toBe(summary.totalCents / 100);
  });
});
