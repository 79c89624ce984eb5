import { chequeNumber, qrPayload } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import { PassThrough, Writable } from 'node:stream';
import QRCode from 'qrcode';
import {
  CarnetPdfWriter,
  headingOf,
  type CarnetPdfOptions,
  PRINT_CSV_COLUMNS,
  type PrintCarnet,
  type PrintRun,
  pagesPerCarnet,
  printCsvHeader,
  printCsvRows,
  printDate,
  printEuros,
  qrRuns,
  toWinAnsi,
} from './carnet-print.js';

const run: PrintRun = {
  programmeName: 'Pass numérique Hérault',
  territoryLabel: 'Département de l’Hérault',
};

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
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new CarnetPdfWriter(run, out, options);
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

// WinAnsi is Latin-1 but for 0x80-0x9F; these are the ones the writer may use.
const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x92: '’', 0x97: '—' };

/**
 * The lines of text drawn in an uncompressed PDF: pdfkit writes each line as one TJ array of hex
 * strings (split where kerning applies), in the font's WinAnsi encoding.
 */
function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const [, array] of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)) {
    let line = '';
    for (const [, hex] of array.matchAll(/<([0-9a-f]*)>/g)) {
      if (hex.length % 2 !== 0)
        throw new Error(`Odd hex string <${hex}>: a character outside WinAnsi`);
      for (const byte of Buffer.from(hex, 'hex')) {
        if (byte >= 0x80 && byte < 0xa0) {
          const char = WIN_ANSI_HIGH[byte];
          if (char === undefined) throw new Error(`Unexpected WinAnsi byte ${byte.toString(16)}`);
          line += char;
        } else {
          line += String.fromCharCode(byte);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

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
  it('formats amounts with spaces the standard fonts have', () => {
    expect(printEuros(1000)).toBe('10,00\u00a0€');
    expect(printEuros(123456)).toBe('1\u00a0234,56\u00a0€');
  });

  it('prints dates the French way and refuses anything else', () => {
    expect(printDate('2027-06-30')).toBe('30/06/2027');
    expect(() => printDate('30/06/2027')).toThrow(RangeError);
  });

  it('keeps French text and replaces what WinAnsi lacks', () => {
    expect(toWinAnsi('Réseau des médiathèques, ça à Noël — l’Œuvre')).toBe(
      'Réseau des médiathèques, ça à Noël — l’Œuvre',
    );
    expect(toWinAnsi('Łódź\u202f2026 🎉')).toBe('?ódz 2026 ?');
  });

  it('takes one page per 5 cheques, at least one', () => {
    expect([0, 1, 5, 6, 10, 11].map(pagesPerCarnet)).toEqual([1, 1, 1, 2, 2, 3]);
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

describe('CarnetPdfWriter', () => {
  it('writes a PDF with 2 pages per carnet of 10 cheques and the cheques in it', async () => {
    const pdf = await renderPdf([carnet(42), carnet(43), carnet(44)]);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pageCount(pdf)).toBe(6);
    expect(infoEntry(pdf, 'Author')).toBe('Carnet');
    expect(infoEntry(pdf, 'Title')).toBe('Carnets — Pass numérique Hérault');

    const text = pdfText(pdf);
    const number = chequeNumber(4302); // third cheque of carnet 43
    expect(number).toHaveLength(12);
    const formatted = `N° ${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;
    expect(text.filter((line) => line === formatted)).toHaveLength(1);
    expect(text).toContain('Chèque 3/10');
    expect(text).toContain('Carnet n° 0000043');
    expect(text).toContain('Code de sécurité : 01234-56789');
    expect(text).toContain("Valable jusqu'au 30/06/2027");
    expect(text).toContain('10 chèques · valeur totale 100,00\u00a0€');
    expect(text.filter((line) => line === '10,00\u00a0€')).toHaveLength(30);
    // The heading of each of the 6 pages and the programme line of each of the 30 cheques.
    expect(text.filter((line) => line === 'Pass numérique Hérault')).toHaveLength(36);
  });

  it('fits short carnets and empty runs on whole pages', async () => {
    expect(pageCount(await renderPdf([carnet(1, 7), carnet(2, 0), carnet(3, 5)]))).toBe(4);

    const empty = await renderPdf([]);
    expect(pageCount(empty)).toBe(1);
    expect(pdfText(empty)).toEqual(['Aucun carnet dans cette émission.']);
  });

  it('cuts a programme name too long for its line', async () => {
    const long = { ...run, programmeName: `Pass ${'très '.repeat(60)}long` };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new CarnetPdfWriter(long, out, { compress: false });
    await writer.addCarnet(carnet(5, 1));
    await writer.end();
    const cut = pdfText(Buffer.concat(chunks)).filter((line) => line.startsWith('Pass très'));
    expect(cut).toHaveLength(1);
    expect(cut[0].endsWith('…')).toBe(true);
    expect(cut[0].length).toBeLessThan(long.programmeName.length);
  });

  it('draws names outside WinAnsi without garbling the line', async () => {
    const polish = { ...run, programmeName: 'Łódź\u202f2026' };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new CarnetPdfWriter(polish, out, { compress: false });
    await writer.addCarnet(carnet(6, 1));
    await writer.end();
    expect(pdfText(Buffer.concat(chunks))).toContain('?ódz 2026');
  });

  it('compresses by default', async () => {
    const plain = await renderPdf([carnet(42)]);
    const compressed = await renderPdf([carnet(42)], {});
    expect(pageCount(compressed)).toBe(2);
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
