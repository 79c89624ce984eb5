import { chequeNumber, qrPayload } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import { PassThrough, Writable } from 'node:stream';
import QRCode from 'qrcode';
import { isStructurallyPdf } from '#src/files/pdf-structure.js';
import { readPdf } from '../../../test/pdf-text.js';
import {
  CarnetPdfWriter,
  type CarnetPdfOptions,
  type CarnetPdfRun,
  EU_COFUNDED,
  headingOf,
  PRINT_CSV_COLUMNS,
  type PrintCarnet,
  type PrintFunder,
  type PrintRun,
  pagesPerCarnet,
  printCsvHeader,
  printCsvRows,
  printDate,
  qrRuns,
  SLUG,
  venuesPageAddresses,
} from './carnet-print.js';

const PROGRAMME_ID = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';

const run: CarnetPdfRun = {
  programmeName: 'Pass numérique Hérault',
  territoryLabel: 'Département de l’Hérault',
  cover: {
    programmeId: PROGRAMME_ID,
    helpPhone: '04 67 00 00 00',
    publicUrl: 'https://pass.herault.fr',
    funders: [
      { name: 'État — Préfecture de l’Hérault', kind: 'STATE', logo: null },
      { name: 'Département de l’Hérault', kind: 'DEPARTMENT', logo: null },
    ],
  },
};

function withFunders(funders: PrintFunder[], helpPhone: string | null = null): CarnetPdfRun {
  return { ...run, cover: { ...run.cover, funders, helpPhone } };
}

const CODES = ['ABCDEFGHJK', 'MNPQRSTVWX', '0123456789'];

function carnet(serial: number, size = 10, firstSequence = serial * 100): PrintCarnet {
  return {
    serial,
    cheques: Array.from({ length: size }, (_, i) => {
      const number = chequeNumber(firstSequence + i);
      const securityCode = CODES[i % CODES.length];
      return {
        number,
        securityCode,
        faceValueCents: 1000,
        validUntil: '2027-06-30',
        qrPayload: qrPayload(number, securityCode),
      };
    }),
  };
}

/** Writes the carnets to a PassThrough and returns every byte of the PDF. */
async function renderPdf(
  carnets: PrintCarnet[],
  options: CarnetPdfOptions = { compress: false },
  pdfRun: CarnetPdfRun = run,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new CarnetPdfWriter(pdfRun, out, options);
  for (const c of carnets) await writer.addCarnet(c);
  await writer.end();
  return Buffer.concat(chunks);
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)?.length ?? 0;
}

/** A string of the document information dictionary (ASCII, or UTF-16BE after a BOM). */
function infoEntry(pdf: Buffer, key: string): string {
  const latin1 = pdf.toString('latin1');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(latin1)?.[1];
  const start = latin1.indexOf(`\n${ref} 0 obj\n(`) + `\n${ref} 0 obj\n(`.length;
  const raw = pdf.subarray(start, latin1.indexOf(')\nendobj', start));
  if (raw[0] !== 0xfe || raw[1] !== 0xff) return raw.toString('latin1');
  return Buffer.from(raw.subarray(2)).swap16().toString('utf16le');
}

/** The lines of text of an uncompressed PDF, page by page. */
function pdfText(pdf: Buffer): string[] {
  return readPdf(pdf).lines;
}

/** [x0, y0, x1, y1] of each page's box, in page order. */
function boxes(pdf: Buffer, name: 'MediaBox' | 'TrimBox' | 'BleedBox'): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/Type \/Page\n[\s\S]*?>>/g)].map((page) => {
    const box = new RegExp(`/${name} \\[([^\\]]*)\\]`).exec(page[0]);
    return box ? box[1].trim().split(/\s+/).map(Number) : [];
  });
}

const STANDARD_14 =
  /^(Times-(Roman|Bold|Italic|BoldItalic)|Helvetica(-Bold|-Oblique|-BoldOblique)?|Courier(-Bold|-Oblique|-BoldOblique)?|Symbol|ZapfDingbats)$/;

describe('print CSV', () => {
  it('has the exact header line', () => {
    expect(printCsvHeader()).toBe(
      'carnetSerial,chequeNumber,securityCode,faceValueCents,validUntil,qrPayload,programmeName,position\n',
    );
    expect(printCsvHeader()).toBe(`${PRINT_CSV_COLUMNS.join(',')}\n`);
  });

  it('writes one line per cheque, raw values, formatted serial and 1-based position', () => {
    const csv = printCsvRows(run, carnet(42, 3));
    const lines = csv.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe(
      `0000042,${chequeNumber(4200)},ABCDEFGHJK,1000,2027-06-30,PN1:${chequeNumber(4200)}:ABCDEFGHJK,Pass numérique Hérault,1`,
    );
    expect(lines.slice(0, 3).map((line) => line.split(',').at(-1))).toEqual(['1', '2', '3']);
    expect(csv).not.toContain('\r');
  });

  it('quotes a programme name holding a comma and a double quote (RFC 4180)', () => {
    const quoted: PrintRun = {
      programmeName: 'Pass "Numérique", édition 2026',
      territoryLabel: 'Gard',
    };
    const line = printCsvRows(quoted, carnet(7, 1)).trimEnd();
    expect(line.endsWith(',"Pass ""Numérique"", édition 2026",1')).toBe(true);

    const [header, row] = parse(printCsvHeader() + printCsvRows(quoted, carnet(7, 1)));
    expect(header).toEqual([...PRINT_CSV_COLUMNS]);
    expect(row[PRINT_CSV_COLUMNS.indexOf('programmeName')]).toBe('Pass "Numérique", édition 2026');
    expect(row).toHaveLength(PRINT_CSV_COLUMNS.length);
  });

  it('writes nothing for a carnet without cheques', () => {
    expect(printCsvRows(run, carnet(1, 0))).toBe('');
  });
});

describe('print text helpers', () => {
  it('prints dates the French way and refuses anything else', () => {
    expect(printDate('2027-06-30')).toBe('30/06/2027');
    expect(() => printDate('30/06/2027')).toThrow(RangeError);
  });

  it('takes a cover page, then one page per 5 cheques, at least one', () => {
    expect([0, 1, 5, 6, 10, 11].map(pagesPerCarnet)).toEqual([2, 2, 2, 3, 3, 4]);
  });

  it('gives the public page as a QR address with the programme and a short printed one', () => {
    expect(venuesPageAddresses('https://pass.herault.fr', PROGRAMME_ID)).toEqual({
      qr: `https://pass.herault.fr/#/lieux/${PROGRAMME_ID}`,
      printed: 'pass.herault.fr/lieux',
    });
    expect(venuesPageAddresses('http://localhost:5173/', PROGRAMME_ID).printed).toBe(
      'localhost:5173/lieux',
    );
  });
});

describe('qrRuns', () => {
  it('covers exactly the dark modules, with each run as long as possible', () => {
    const payload = qrPayload(chequeNumber(12345), 'ABCDEFGHJK');
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrRuns(payload);
    expect(size).toBe(modules.size);

    const drawn = new Uint8Array(size * size);
    for (const [row, column, length] of runs) {
      for (let c = column; c < column + length; c++) drawn[row * size + c] += 1;
      // A longer run was possible if a dark module touches either end.
      expect(column === 0 || !modules.get(row, column - 1)).toBe(true);
      expect(column + length === size || !modules.get(row, column + length)).toBe(true);
    }
    const expected = Uint8Array.from({ length: size * size }, (_, i) =>
      modules.get(Math.floor(i / size), i % size) ? 1 : 0,
    );
    expect(drawn).toEqual(expected);
    expect(runs.length).toBeLessThan(expected.reduce((sum, bit) => sum + bit, 0));
  });
});

describe('headingOf', () => {
  it('says « Pass numérique » once', () => {
    expect(headingOf('Pass numérique Lens-Liévin 2026')).toBe('Pass numérique Lens-Liévin 2026');
    expect(headingOf('Chèques numériques du Boulonnais')).toBe(
      'Pass numérique — Chèques numériques du Boulonnais',
    );
  });
});

/** A PNG logo, as a funder would upload it. */
async function pngLogo(): Promise<Buffer> {
  return QRCode.toBuffer('logo', { type: 'png', width: 120 });
}

describe('CarnetPdfWriter', () => {
  it('writes a cover page and 2 pages of cheques per carnet of 10, with the cheques in it', async () => {
    const pdf = await renderPdf([carnet(42), carnet(43), carnet(44)]);
    expect(isStructurallyPdf(pdf)).toBe(true);
    expect(pageCount(pdf)).toBe(9);
    expect(infoEntry(pdf, 'Author')).toBe('Carnet');
    expect(infoEntry(pdf, 'Title')).toBe('Carnets — Pass numérique Hérault');

    const text = pdfText(pdf);
    const number = chequeNumber(4302); // third cheque of carnet 43
    expect(number).toHaveLength(12);
    const formatted = `N° ${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;
    expect(text.filter((line) => line === formatted)).toHaveLength(1);
    expect(text).toContain('Chèque 3/10');
    expect(text).toContain('Chèques 6 à 10 sur 10');
    expect(text).toContain('Carnet n° 0000043');
    expect(text).toContain('Code de sécurité : 01234-56789');
    expect(text).toContain("Valable jusqu'au 30/06/2027");
    expect(text).toContain(
      'Carnet n° 0000043 · 10 chèques de 10,00\u00a0€ · valeur totale 100,00\u00a0€',
    );
    expect(text.filter((line) => line === '10,00\u00a0€')).toHaveLength(30);
  });

  it('prints the programme’s name once per cheque, and once on each cover', async () => {
    const pdf = await renderPdf([carnet(42), carnet(43, 7)]);
    const text = pdfText(pdf);
    // 17 cheques and 2 covers; the pages of cheques do not repeat it in their heading.
    expect(text.filter((line) => line.includes('Pass numérique Hérault'))).toHaveLength(19);

    const named = await renderPdf(
      [carnet(1, 3)],
      { compress: false },
      {
        ...run,
        programmeName: 'Chèques du Boulonnais',
      },
    );
    const lines = pdfText(named);
    expect(lines.filter((line) => line.includes('Chèques du Boulonnais'))).toHaveLength(4);
    expect(lines.filter((line) => line === 'Pass numérique')).toHaveLength(0);
  });

  it('embeds every font it uses, and no standard font', async () => {
    const pdf = await renderPdf(
      [carnet(42)],
      { compress: false },
      withFunders([
        { name: 'Fonds européen de développement régional', kind: 'EU_FUND', logo: null },
      ]),
    );
    const latin1 = pdf.toString('latin1');
    const baseFonts = [...latin1.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) {
      expect(name).not.toMatch(STANDARD_14);
      expect(name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    }
    const descriptors = latin1.match(/\/Type \/FontDescriptor/g) ?? [];
    const programs = latin1.match(/\/FontFile[23]? \d+ 0 R/g) ?? [];
    // Type0 fonts name their descendant's BaseFont too: one program per descriptor.
    expect(descriptors.length).toBeGreaterThan(0);
    expect(programs).toHaveLength(descriptors.length);
    expect(readPdf(pdf).embeddedFonts).toBe(descriptors.length);
    // Names in any Latin script are drawn as typed.
    const polish = await renderPdf(
      [carnet(6, 1)],
      { compress: false },
      {
        ...run,
        programmeName: 'Łódź\u202f2026',
      },
    );
    expect(pdfText(polish)).toContain('Pass numérique — Łódź\u202f2026');
  });

  it('tells the beneficiary how, where and until when, who to call, and leaves a stub', async () => {
    const withVenues: PrintCarnet = {
      ...carnet(42, 10),
      venues: [
        {
          name: 'Médiathèque Robert-Cousin',
          address: '2 rue de la Gare, 62300 Lens',
          phone: '03 21 00 00 01',
        },
        {
          name: 'Espace numérique de Liévin',
          address: '1 place Gambetta, 62800 Liévin',
          phone: null,
        },
        {
          name: 'Tiers-lieu du 11/19',
          address: 'Rue Léon-Blum, 62750 Loos-en-Gohelle',
          phone: null,
        },
        { name: 'Quatrième lieu', address: 'Rue, 62000 Arras', phone: null },
      ],
    };
    const text = pdfText(await renderPdf([withVenues]));
    expect(text).toContain('Comment utiliser vos chèques ?');
    expect(text).toContain('Non échangeable contre des espèces.');
    expect(text).toContain("Valable jusqu'au 30/06/2027.");
    expect(text).toContain('Où utiliser mon Pass numérique ?');
    expect(text).toContain('pass.herault.fr/lieux');
    expect(text).toContain('Près de chez vous :');
    expect(text).toContain('Médiathèque Robert-Cousin');
    expect(text).toContain('2 rue de la Gare, 62300 Lens · Tél. 03 21 00 00 01');
    expect(text).toContain('1 place Gambetta, 62800 Liévin');
    expect(text).not.toContain('Quatrième lieu');
    expect(text).toContain('Une question ? Appelez le 04 67 00 00 00.');
    expect(text).toContain('Talon à remplir par la structure qui remet le carnet');
    // On the stub, on the heading of the 2 pages of cheques and on each of the 10 cheques.
    expect(text.filter((line) => line === 'Carnet n° 0000042')).toHaveLength(13);
    expect(text).toContain('Date de remise :');
    expect(text).toContain('Agent :');

    const bare = pdfText(await renderPdf([carnet(43)], { compress: false }, withFunders([])));
    expect(bare).not.toContain('Près de chez vous :');
    expect(bare.some((line) => line.startsWith('Une question'))).toBe(false);
    expect(bare).not.toContain('Financé par');
  });

  it('shows the EU emblem sentence when an EU fund pays, and not otherwise', async () => {
    const eu = pdfText(
      await renderPdf(
        [carnet(1, 2)],
        { compress: false },
        withFunders([
          { name: 'État', kind: 'STATE', logo: null },
          { name: 'FEDER — Région Hauts-de-France', kind: 'EU_FUND', logo: null },
        ]),
      ),
    );
    expect(eu.filter((line) => line === EU_COFUNDED)).toHaveLength(1);
    expect(eu).toContain('Financé par');
    expect(eu).toContain('État');

    const national = pdfText(await renderPdf([carnet(1, 2)]));
    expect(national).not.toContain(EU_COFUNDED);
    expect(national).toContain('Financé par');
  });

  it('embeds each funder’s logo once, whatever the number of covers', async () => {
    const logo = await pngLogo();
    const pdf = await renderPdf(
      [carnet(1, 1), carnet(2, 1), carnet(3, 1)],
      { compress: false },
      withFunders([
        { name: 'Département', kind: 'DEPARTMENT', logo },
        { name: 'Damaged', kind: 'CAF', logo: Buffer.from('not an image') },
      ]),
    );
    const latin1 = pdf.toString('latin1');
    const once = await renderPdf(
      [carnet(1, 1)],
      { compress: false },
      withFunders([{ name: 'Département', kind: 'DEPARTMENT', logo }]),
    );
    const images = (bytes: Buffer) => bytes.toString('latin1').match(/\/Subtype \/Image/g) ?? [];
    expect(images(once).length).toBeGreaterThan(0);
    expect(images(pdf)).toHaveLength(images(once).length);
    // Drawn on each cover; the unreadable logo gives way to the funder's name.
    expect(latin1.match(/\/I1 Do/g)).toHaveLength(3);
    expect(pdfText(pdf).filter((line) => line === 'Damaged')).toHaveLength(3);
  });

  it('puts crop marks around each A4 page when asked, with its TrimBox and BleedBox', async () => {
    const plain = await renderPdf([carnet(1, 6)]);
    const a4 = (box: number[]) => {
      expect(box).toHaveLength(4);
      [0, 0, 595.28, 841.89].forEach((value, i) => expect(box[i]).toBeCloseTo(value, 1));
    };
    expect(boxes(plain, 'MediaBox')).toHaveLength(3);
    boxes(plain, 'MediaBox').forEach(a4);
    boxes(plain, 'TrimBox').forEach(a4);
    expect(boxes(plain, 'BleedBox')).toEqual([[], [], []]);

    const marked = await renderPdf([carnet(1, 6)], { compress: false, cropMarks: true });
    const slug = Math.round(SLUG * 100) / 100;
    const bleed = Math.round((SLUG - (3 * 72) / 25.4) * 100) / 100;
    for (const media of boxes(marked, 'MediaBox')) {
      expect(media[2]).toBeCloseTo(595.28 + 2 * SLUG, 1);
      expect(media[3]).toBeCloseTo(841.89 + 2 * SLUG, 1);
    }
    for (const trim of boxes(marked, 'TrimBox')) {
      expect(trim[0]).toBe(slug);
      expect(trim[2] - trim[0]).toBeCloseTo(595.28, 1);
      expect(trim[3] - trim[1]).toBeCloseTo(841.89, 1);
    }
    for (const box of boxes(marked, 'BleedBox')) expect(box[0]).toBe(bleed);
    expect(pdfText(marked)).toEqual(pdfText(plain));
  });

  it('fits short carnets and empty runs on whole pages', async () => {
    expect(pageCount(await renderPdf([carnet(1, 7), carnet(2, 0), carnet(3, 5)]))).toBe(7);

    const empty = await renderPdf([]);
    expect(pageCount(empty)).toBe(1);
    expect(pdfText(empty)).toEqual(['Aucun carnet dans cette émission.']);
  });

  it('cuts a programme name too long for a cheque’s line', async () => {
    const long = { ...run, programmeName: `Pass ${'très '.repeat(60)}long` };
    const text = pdfText(await renderPdf([carnet(5, 1)], { compress: false }, long));
    const cut = text.filter(
      (line) => line.startsWith('Pass numérique — Pass très') && line.endsWith('…'),
    );
    expect(cut).toHaveLength(1);
    expect(cut[0].length).toBeLessThan(long.programmeName.length);
  });

  it('compresses by default', async () => {
    const plain = await renderPdf([carnet(42)]);
    const compressed = await renderPdf([carnet(42)], {});
    expect(pageCount(compressed)).toBe(3);
    expect(compressed.length).toBeLessThan(plain.length / 2);
  });

  it('waits for a slow output to drain before taking the next carnet', async () => {
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        setTimeout(callback, 0);
      },
    });
    const writer = new CarnetPdfWriter(run, slow, { compress: false });
    for (let serial = 1; serial <= 3; serial++) {
      await writer.addCarnet(carnet(serial));
      expect(slow.writableNeedDrain).toBe(false);
      expect(slow.writableLength).toBeLessThanOrEqual(1024);
    }
    await writer.end();
    expect(slow.writableFinished).toBe(true);
    expect(bytes).toBe((await renderPdf([carnet(1), carnet(2), carnet(3)])).length);
  });

  it('refuses carnets after the end', async () => {
    const out = new PassThrough();
    out.resume();
    const writer = new CarnetPdfWriter(run, out);
    await writer.end();
    await expect(writer.addCarnet(carnet(1))).rejects.toThrow('already ended');
  });
});
