import {
  formatCarnetSerial,
  formatChequeNumber,
  formatEuros,
  formatSecurityCode,
  sumCents,
} from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The print output of an issuance run: a CSV for an outside printer (variable-data printing) and
 * a ready-to-print PDF made here. Both take the carnets one at a time, so a run of thousands of
 * carnets never sits in memory.
 */

export interface PrintCheque {
  /** 12 digits, e.g. "000000123457". */
  number: string;
  /** 10 characters of Crockford base32, e.g. "ABCDEFGHJK". */
  securityCode: string;
  faceValueCents: number;
  /** 'YYYY-MM-DD'. */
  validUntil: string;
  /** Encoded as is in the QR code, e.g. "PN1:000000123457:ABCDEFGHJK". */
  qrPayload: string;
}

export interface PrintCarnet {
  serial: number;
  cheques: PrintCheque[];
}

export interface PrintRun {
  programmeName: string;
  territoryLabel: string;
}

// ---------------------------------------------------------------------------------------------
// CSV

export const PRINT_CSV_COLUMNS = [
  'carnetSerial',
  'chequeNumber',
  'securityCode',
  'faceValueCents',
  'validUntil',
  'qrPayload',
  'programmeName',
  'position',
] as const satisfies readonly string[];

// RFC 4180 quoting; '\n' line ends and a final one, so that header and carnets concatenate.
const CSV_OPTIONS = { delimiter: ',', record_delimiter: 'unix', eof: true } as const;

/** The header line, with its line end. */
export function printCsvHeader(): string {
  return stringify([[...PRINT_CSV_COLUMNS]], CSV_OPTIONS);
}

/**
 * One line per cheque of the carnet, in carnet order, each with its line end. Numbers and codes
 * are raw (the printer formats them); `position` is 1-based.
 */
export function printCsvRows(run: PrintRun, carnet: PrintCarnet): string {
  const serial = formatCarnetSerial(carnet.serial);
  return stringify(
    carnet.cheques.map((cheque, index) => [
      serial,
      cheque.number,
      cheque.securityCode,
      String(cheque.faceValueCents),
      cheque.validUntil,
      cheque.qrPayload,
      run.programmeName,
      String(index + 1),
    ]),
    CSV_OPTIONS,
  );
}

// ---------------------------------------------------------------------------------------------
// Text helpers for the PDF

/**
 * Amounts as printed: "1 234,56 €". formatEuros groups thousands with U+202F, which the WinAnsi
 * encoding of the standard PDF fonts lacks; U+00A0 is in it and renders as a space.
 */
export function printEuros(cents: number): string {
  return formatEuros(cents).replace(/\u202f/g, '\u00a0');
}

/** '2027-06-30' → '30/06/2027'. */
export function printDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** "1 chèque", "10 chèques" (0 and 1 take the singular in French). */
export function chequeCount(count: number): string {
  return `${count} ${count < 2 ? 'chèque' : 'chèques'}`;
}

// The characters of WinAnsi beyond Latin-1 (pdfkit maps them to their WinAnsi byte).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)
  );
}

/**
 * Text the standard fonts can draw. pdfkit writes any other character as a wrong number of hex
 * digits, which garbles the rest of the line, so names typed by people go through here: accents
 * outside WinAnsi are dropped ("ź" → "z"), other spaces become spaces, anything else "?".
 */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) result += char;
    else if (/\s/.test(char)) result += ' ';
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      result += bare !== '' && [...bare].every(isWinAnsi) ? bare : '?';
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// QR code

/** Dark modules of a QR code, one [row, column, length] per horizontal run. */
export interface QrRuns {
  size: number;
  runs: [row: number, column: number, length: number][];
}

/**
 * The QR code of a payload as horizontal runs of dark modules: one rectangle per run instead of
 * one per module keeps each cheque's drawing about three times smaller.
 */
export function qrRuns(payload: string): QrRuns {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const runs: QrRuns['runs'] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push([row, start, column - start]);
    }
  }
  return { size: modules.size, runs };
}

function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, side: number) {
  const { size, runs } = qrRuns(payload);
  const module = side / size;
  doc.save();
  for (const [row, column, length] of runs) {
    doc.rect(x + column * module, y + row * module, length * module, module);
  }
  doc.fill('#000000');
  doc.restore();
}

// ---------------------------------------------------------------------------------------------
// PDF

const MM = 72 / 25.4;
const MARGIN = 10 * MM;
const HEADER_HEIGHT = 62;
/** 5 cheques a page: a carnet of 10 takes 2 pages. */
export const CHEQUES_PER_PAGE = 5;
const CHEQUE_GAP = 8;
const CHEQUE_PADDING = 16;
const QR_SIDE = 100;
/** QR code to cut line: 4.5 modules of a PN1 code (25 × 25), the standard asks 4. */
const QR_QUIET = 18;
const BLUE = '#000091';
const GREY = '#555555';

/** Resolves on 'drain'; rejects when `out` fails or closes first (no 'drain' would come). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('PDF output closed before the end'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('PDF output closed before the end'));
    out.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

/** Pages a carnet takes in the PDF (at least one, for its heading). */
export function pagesPerCarnet(chequeCount: number): number {
  return Math.max(1, Math.ceil(chequeCount / CHEQUES_PER_PAGE));
}

export interface CarnetPdfOptions {
  /** Deflate page contents (default true); tests turn it off to read the text. */
  compress?: boolean;
}

/**
 * Writes a PDF of printable carnets to `out`: A4 portrait, each carnet from a new page with its
 * heading, then its cheques 5 a page as cut-out rectangles (dashed border) with a vector QR code.
 *
 * `addCarnet` returns a Promise that resolves once `out` can take more: await it, or the whole
 * run may pile up in memory when `out` is slower than the rendering. `end` ends `out` too.
 */
export class CarnetPdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<void>;
  private failure: Error | null = null;
  private carnets = 0;
  private ended = false;

  constructor(
    private readonly run: PrintRun,
    private readonly out: Writable,
    options: CarnetPdfOptions = {},
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'portrait',
      margin: MARGIN,
      autoFirstPage: false,
      compress: options.compress ?? true,
      // pdfkit writes these as UTF-16: no need to fit them to WinAnsi.
      info: {
        Title: `Carnets — ${headingOf(run.programmeName)}`,
        Author: 'Carnet',
        Subject: `${run.programmeName}, ${run.territoryLabel}`,
        Creator: 'Carnet',
      },
    });
    this.done = pipeline(this.doc, out);
    // Kept for addCarnet and end; this handler only stops an early failure from going unhandled.
    this.done.catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  /** Draws one carnet, then waits until `out` wants more (backpressure). */
  async addCarnet(carnet: PrintCarnet): Promise<void> {
    this.assertWritable();
    this.drawCarnet(carnet);
    this.carnets++;
    await this.relieve();
  }

  /** Finishes the PDF; resolves when `out` has finished (every byte written). */
  async end(): Promise<void> {
    this.assertWritable();
    this.ended = true;
    if (this.carnets === 0) {
      // A PDF without pages is refused by some viewers.
      this.doc.addPage();
      this.doc.font('Helvetica').fontSize(12).text('Aucun carnet dans cette émission.');
    }
    this.doc.end();
    await this.done;
  }

  private assertWritable(): void {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('CarnetPdfWriter already ended');
  }

  /**
   * pipe() moves pdfkit's output to `out` on later ticks and pauses while `out` is full: yield
   * once so it runs, then wait for 'drain' as long as `out` asks for it.
   */
  private async relieve(): Promise<void> {
    await nextMacrotask();
    while (this.out.writableNeedDrain) {
      await drained(this.out);
      await nextMacrotask();
    }
    if (this.failure !== null) throw this.failure;
  }

  private drawCarnet(carnet: PrintCarnet): void {
    const pages = pagesPerCarnet(carnet.cheques.length);
    for (let page = 0; page < pages; page++) {
      this.doc.addPage();
      this.drawHeader(carnet, page, pages);
      const cheques = carnet.cheques.slice(page * CHEQUES_PER_PAGE, (page + 1) * CHEQUES_PER_PAGE);
      cheques.forEach((cheque, slot) =>
        this.drawCheque(carnet, cheque, page * CHEQUES_PER_PAGE + slot, slot),
      );
    }
  }

  private drawHeader(carnet: PrintCarnet, page: number, pages: number): void {
    const doc = this.doc;
    const left = MARGIN;
    const right = doc.page.width - MARGIN;
    const top = MARGIN;
    const serial = `Carnet n° ${formatCarnetSerial(carnet.serial)}`;

    doc.font('Helvetica-Bold').fontSize(15).fillColor(BLUE);
    this.textRight(serial, right, top);
    const titleWidth = right - left - doc.widthOfString(serial) - 24;
    this.textLeft(headingOf(this.run.programmeName), left, top, titleWidth);

    doc.font('Helvetica').fontSize(9).fillColor(GREY);
    this.textRight(`Page ${page + 1}/${pages}`, right, top + 20);
    doc.fontSize(10).fillColor('#000000');
    this.textLeft(this.run.territoryLabel, left, top + 20, titleWidth);

    if (page === 0) {
      const total = sumCents(carnet.cheques.map((cheque) => cheque.faceValueCents));
      doc.font('Helvetica-Bold');
      this.textLeft(
        `${chequeCount(carnet.cheques.length)} · valeur totale ${printEuros(total)}`,
        left,
        top + 36,
      );
    } else {
      doc.fillColor(GREY);
      this.textLeft('Suite du carnet', left, top + 36);
    }

    const ruleY = top + HEADER_HEIGHT - 10;
    doc.save().moveTo(left, ruleY).lineTo(right, ruleY).lineWidth(0.5).stroke(GREY).restore();
  }

  private drawCheque(carnet: PrintCarnet, cheque: PrintCheque, index: number, slot: number): void {
    const doc = this.doc;
    const slotHeight = (doc.page.height - 2 * MARGIN - HEADER_HEIGHT) / CHEQUES_PER_PAGE;
    const width = doc.page.width - 2 * MARGIN;
    const height = slotHeight - CHEQUE_GAP;
    const x = MARGIN;
    const y = MARGIN + HEADER_HEIGHT + slot * slotHeight;

    doc.save().rect(x, y, width, height).lineWidth(0.75).dash(4, { space: 3 }).stroke(GREY);
    doc.restore();

    const qrX = x + width - QR_QUIET - QR_SIDE;
    drawQr(doc, cheque.qrPayload, qrX, y + (height - QR_SIDE) / 2, QR_SIDE);

    const left = x + CHEQUE_PADDING;
    const right = qrX - CHEQUE_PADDING;
    const position = `Chèque ${index + 1}/${carnet.cheques.length}`;

    doc.font('Helvetica-Bold').fontSize(12).fillColor(BLUE);
    this.textLeft('Pass numérique', left, y + 12);
    doc.fontSize(10).fillColor('#000000');
    this.textRight(position, right, y + 12);
    doc.font('Helvetica').fontSize(9);
    const serial = `Carnet n° ${formatCarnetSerial(carnet.serial)}`;
    this.textRight(serial, right, y + 28);
    doc.fontSize(10);
    this.textLeft(this.run.programmeName, left, y + 28, right - left - 110);

    doc.font('Helvetica-Bold').fontSize(30);
    this.textLeft(printEuros(cheque.faceValueCents), left, y + 44);

    doc.fontSize(12);
    this.textLeft(`N° ${formatChequeNumber(cheque.number)}`, left, y + 84);
    doc.font('Helvetica').fontSize(10);
    this.textLeft(`Code de sécurité : ${formatSecurityCode(cheque.securityCode)}`, left, y + 101);
    doc.fontSize(9);
    this.textLeft(`Valable jusqu'au ${printDate(cheque.validUntil)}`, left, y + 117);
  }

  /** One line from (x, y), cut with "…" to maxWidth when given. */
  private textLeft(text: string, x: number, y: number, maxWidth?: number): void {
    let line = toWinAnsi(text);
    if (maxWidth !== undefined && this.doc.widthOfString(line) > maxWidth) {
      while (line.length > 0 && this.doc.widthOfString(`${line}…`) > maxWidth) {
        line = line.slice(0, -1);
      }
      line = `${line.trimEnd()}…`;
    }
    this.doc.text(line, x, y, { lineBreak: false });
  }

  /** One line ending at x = right. */
  private textRight(text: string, right: number, y: number): void {
    const line = toWinAnsi(text);
    this.doc.text(line, right - this.doc.widthOfString(line), y, { lineBreak: false });
  }
}

/** « Pass numérique — <programme> », without saying it twice when the programme's name does. */
export function headingOf(programmeName: string): string {
  return /^pass num[ée]rique\b/i.test(programmeName)
    ? programmeName
    : `Pass numérique — ${programmeName}`;
}
