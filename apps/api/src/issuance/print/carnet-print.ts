import {
  formatCarnetSerial,
  formatChequeNumber,
  formatEuros,
  formatSecurityCode,
  type FunderKind,
  sumCents,
} from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  BOLD,
  embeddedFontOptions,
  forgetLayouts,
  REGULAR,
  registerFonts,
  rememberFonts,
} from '#src/files/pdf-fonts.js';

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
  /**
   * The nearest qualified venues of the programme, when the carnet's commune is known at print
   * time (PDF only; the CSV leaves them out).
   */
  venues?: PrintVenue[];
}

/** A venue as the cover lists it. */
export interface PrintVenue {
  name: string;
  /** One line: "12 rue de la Gare, 62300 Lens". */
  address: string;
  phone: string | null;
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

/** « Pass numérique — <programme> », without saying it twice when the programme's name does. */
export function headingOf(programmeName: string): string {
  return /^pass num[ée]rique\b/i.test(programmeName)
    ? programmeName
    : `Pass numérique — ${programmeName}`;
}

/**
 * The addresses of the public page « Où utiliser mon Pass numérique ? »: the QR code opens the
 * programme's list directly; the printed one is short to type (the page lists the programmes,
 * or goes to the only active one) and shown without its scheme.
 */
export function venuesPageAddresses(
  publicUrl: string,
  programmeId: string,
): { qr: string; printed: string } {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    qr: `${base}/#/lieux/${programmeId}`,
    printed: `${base.replace(/^https?:\/\//, '')}/lieux`,
  };
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

function drawQr(doc: PDFKit.PDFDocument, qr: QrRuns, x: number, y: number, side: number) {
  const module = side / qr.size;
  doc.save();
  for (const [row, column, length] of qr.runs) {
    doc.rect(x + column * module, y + row * module, length * module, module);
  }
  doc.fill('#000000');
  doc.restore();
}

// ---------------------------------------------------------------------------------------------
// EU emblem

const EU_BLUE = '#003399';
const EU_GOLD = '#FFCC00';

/**
 * The European flag as the EU's graphic rules construct it: a blue rectangle 3:2; twelve gold
 * five-pointed stars, one point up, on an invisible circle of radius a third of the height,
 * placed as the hours on a clock face; each star within a circle of radius an eighteenth of the
 * height. Drawn as vector paths (no image to fetch or keep), `height` high, from (x, y).
 */
export function drawEuEmblem(doc: PDFKit.PDFDocument, x: number, y: number, height: number): void {
  const width = height * 1.5;
  const cx = x + width / 2;
  const cy = y + height / 2;
  const ring = height / 3;
  const outer = height / 18;
  // Inner radius of a regular five-pointed star: R · sin 18° / sin 126°.
  const inner = (outer * Math.sin(Math.PI / 10)) / Math.sin((7 * Math.PI) / 10);
  doc.save();
  doc.rect(x, y, width, height).fill(EU_BLUE);
  for (let hour = 0; hour < 12; hour++) {
    const angle = (hour * Math.PI) / 6;
    const sx = cx + ring * Math.sin(angle);
    const sy = cy - ring * Math.cos(angle);
    for (let point = 0; point < 10; point++) {
      const r = point % 2 === 0 ? outer : inner;
      const a = (point * Math.PI) / 5;
      const px = sx + r * Math.sin(a);
      const py = sy - r * Math.cos(a);
      if (point === 0) doc.moveTo(px, py);
      else doc.lineTo(px, py);
    }
    doc.closePath();
  }
  doc.fill(EU_GOLD);
  doc.restore();
}

/** The EU emblem is shown when an EU fund (FEDER, FSE+…) is among the programme's funders. */
export function showsEuEmblem(funders: readonly { kind: FunderKind }[]): boolean {
  return funders.some((funder) => funder.kind === 'EU_FUND');
}

export const EU_COFUNDED = "Cofinancé par l'Union européenne";

// ---------------------------------------------------------------------------------------------
// PDF

/** A funder as the cover shows it: its logo when it sent one, its name otherwise. */
export interface PrintFunder {
  name: string;
  kind: FunderKind;
  /** PNG or JPEG bytes. */
  logo: Buffer | null;
}

/** What the cover page of every carnet of a run says beyond the cheques. */
export interface CarnetCover {
  programmeId: string;
  /** The number a beneficiary may call; the sentence is left out without it. */
  helpPhone: string | null;
  /** PUBLIC_URL: where the public page « Où utiliser mon Pass numérique ? » lives. */
  publicUrl: string;
  funders: PrintFunder[];
}

export interface CarnetPdfRun extends PrintRun {
  cover: CarnetCover;
}

const MM = 72 / 25.4;
/** The finished (trimmed) page: A4 portrait. */
const TRIM_WIDTH = 210 * MM;
const TRIM_HEIGHT = 297 * MM;
/** With crop marks: bleed around the trimmed page, and the marks outside it. */
const BLEED = 3 * MM;
const MARK_OFFSET = 3 * MM;
const MARK_LENGTH = 6 * MM;
/** Paper beyond the trimmed page on each side when crop marks are drawn. */
export const SLUG = MARK_OFFSET + MARK_LENGTH + 1 * MM;
const MARGIN = 10 * MM;
const HEADER_HEIGHT = 34;
/** 5 cheques a page. */
export const CHEQUES_PER_PAGE = 5;
const CHEQUE_GAP = 8;
const CHEQUE_PADDING = 16;
const QR_SIDE = 100;
/** QR code to cut line: 4.5 modules of a PN1 code (25 × 25), the standard asks 4. */
const QR_QUIET = 18;
const BLUE = '#000091';
const GREY = '#555555';
const BLACK = '#000000';
/** Venues listed on a cover at most. */
export const COVER_VENUES = 3;

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

/** Pages a carnet takes in the PDF: its cover, then its cheques (at least one page). */
export function pagesPerCarnet(chequeCount: number): number {
  return 1 + Math.max(1, Math.ceil(chequeCount / CHEQUES_PER_PAGE));
}

export interface CarnetPdfOptions {
  /** Deflate page contents (default true); tests turn it off to read the text. */
  compress?: boolean;
  /**
   * For a print shop: each page on larger paper with crop marks at the corners of the A4 page,
   * which becomes the TrimBox, and a 3 mm BleedBox around it (default false: plain A4 pages).
   */
  cropMarks?: boolean;
}

interface LoadedFunder {
  name: string;
  /** pdfkit's opened image (not in its typings), drawn with `doc.image`. */
  image: object | null;
}

/**
 * Writes a PDF of printable carnets to `out`, A4 portrait, each carnet as a cover page for the
 * beneficiary (how and where to use the cheques, who to call, who paid, a stub the prescriber
 * fills at hand-out), then its cheques 5 a page as cut-out rectangles with a vector QR code.
 * Every font is embedded (DejaVu Sans).
 *
 * `addCarnet` returns a Promise that resolves once `out` can take more: await it, or the whole
 * run may pile up in memory when `out` is slower than the rendering. `end` ends `out` too.
 */
export class CarnetPdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<void>;
  private readonly cropMarks: boolean;
  private readonly funders: LoadedFunder[];
  private readonly venuesQr: QrRuns;
  private readonly venuesAddress: string;
  private failure: Error | null = null;
  private carnets = 0;
  private ended = false;

  constructor(
    private readonly run: CarnetPdfRun,
    private readonly out: Writable,
    options: CarnetPdfOptions = {},
  ) {
    this.cropMarks = options.cropMarks ?? false;
    this.doc = new PDFDocument({
      autoFirstPage: false,
      compress: options.compress ?? true,
      ...embeddedFontOptions(),
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        Title: `Carnets — ${headingOf(run.programmeName)}`,
        Author: 'Carnet',
        Subject: `${run.programmeName}, ${run.territoryLabel}`,
        Creator: 'Carnet',
        Producer: 'Carnet',
      },
    });
    registerFonts(this.doc);
    // Opened once: each logo is written into the file once, however many covers show it.
    this.funders = run.cover.funders.map((funder) => ({
      name: funder.name,
      image: this.openLogo(funder.logo),
    }));
    const addresses = venuesPageAddresses(run.cover.publicUrl, run.cover.programmeId);
    this.venuesQr = qrRuns(addresses.qr);
    this.venuesAddress = addresses.printed;
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
      this.newPage();
      this.regular(12, BLACK);
      this.textLeft('Aucun carnet dans cette émission.', MARGIN, MARGIN);
      this.doc.restore();
    }
    rememberFonts(this.doc);
    this.doc.end();
    await this.done;
  }

  private openLogo(logo: Buffer | null): object | null {
    if (logo === null) return null;
    try {
      return (this.doc as unknown as { openImage(src: Buffer): object }).openImage(logo);
    } catch {
      // Checked when uploaded; a logo pdfkit cannot read is replaced by the funder's name.
      return null;
    }
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

  /**
   * A new page whose drawing origin is the top left corner of the trimmed A4 page (callers
   * restore the graphics state when done). With crop marks, the paper is larger: the page gets
   * its TrimBox and BleedBox, and the marks are drawn in the slug outside the bleed.
   */
  private newPage(): void {
    forgetLayouts(this.doc);
    const slug = this.cropMarks ? SLUG : 0;
    const width = TRIM_WIDTH + 2 * slug;
    const height = TRIM_HEIGHT + 2 * slug;
    // No margins: pdfkit would start a new page when wrapped text comes near the bottom.
    this.doc.addPage({ size: [width, height], margin: 0 });
    const page = this.doc.page as unknown as { dictionary: { data: Record<string, unknown> } };
    // PDF boxes count from the bottom left corner.
    const box = (inset: number) => [inset, inset, width - inset, height - inset].map(round2);
    page.dictionary.data.TrimBox = box(slug);
    if (this.cropMarks) {
      page.dictionary.data.BleedBox = box(slug - BLEED);
      this.drawCropMarks(width, height);
    }
    this.doc.save();
    if (slug > 0) this.doc.translate(slug, slug);
  }

  private drawCropMarks(width: number, height: number): void {
    const doc = this.doc;
    doc.save().lineWidth(0.25).strokeColor(BLACK);
    for (const x of [SLUG, width - SLUG]) {
      for (const y of [SLUG, height - SLUG]) {
        const outX = x < width / 2 ? -1 : 1;
        const outY = y < height / 2 ? -1 : 1;
        // A horizontal and a vertical mark on the trim lines, outside the bleed.
        doc
          .moveTo(x + outX * MARK_OFFSET, y)
          .lineTo(x + outX * (MARK_OFFSET + MARK_LENGTH), y)
          .stroke();
        doc
          .moveTo(x, y + outY * MARK_OFFSET)
          .lineTo(x, y + outY * (MARK_OFFSET + MARK_LENGTH))
          .stroke();
      }
    }
    doc.restore();
  }

  private drawCarnet(carnet: PrintCarnet): void {
    this.newPage();
    this.drawCover(carnet);
    this.doc.restore();
    const pages = Math.max(1, Math.ceil(carnet.cheques.length / CHEQUES_PER_PAGE));
    for (let page = 0; page < pages; page++) {
      this.newPage();
      const first = page * CHEQUES_PER_PAGE;
      const cheques = carnet.cheques.slice(first, first + CHEQUES_PER_PAGE);
      this.drawChequesHeader(carnet, first, cheques.length);
      cheques.forEach((cheque, slot) => this.drawCheque(carnet, cheque, first + slot, slot));
      this.doc.restore();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Cover

  private drawCover(carnet: PrintCarnet): void {
    const doc = this.doc;
    const left = MARGIN;
    const width = TRIM_WIDTH - 2 * MARGIN;
    const cheques = carnet.cheques;
    const total = sumCents(cheques.map((cheque) => cheque.faceValueCents));
    const faceValue = cheques[0]?.faceValueCents;
    const validUntil = cheques[0]?.validUntil;

    this.bold(18, BLUE);
    let y = this.paragraph(headingOf(this.run.programmeName), left, MARGIN, width) + 4;
    this.regular(10, GREY);
    y = this.paragraph(this.run.territoryLabel, left, y, width) + 4;
    this.bold(11, BLACK);
    const content =
      faceValue !== undefined && cheques.every((c) => c.faceValueCents === faceValue)
        ? `${chequeCount(cheques.length)} de ${formatEuros(faceValue)}`
        : chequeCount(cheques.length);
    y = this.paragraph(
      `Carnet n° ${formatCarnetSerial(carnet.serial)} · ${content} · valeur totale ${formatEuros(total)}`,
      left,
      y,
      width,
    );

    y = this.sectionTitle('Comment utiliser vos chèques ?', y + 14);
    const steps = [
      'Ces chèques paient un accompagnement au numérique : apprendre à utiliser un ordinateur, un téléphone ou internet, faire ses démarches en ligne.',
      'Allez dans un lieu partenaire et donnez-lui vos chèques. Le lieu garde les chèques utilisés.',
      faceValue !== undefined
        ? `Chaque chèque vaut ${formatEuros(faceValue)}. Vous pouvez en donner un ou plusieurs.`
        : 'Vous pouvez donner un ou plusieurs chèques.',
      'Non échangeable contre des espèces.',
      ...(validUntil !== undefined ? [`Valable jusqu'au ${printDate(validUntil)}.`] : []),
    ];
    this.regular(11, BLACK);
    for (const step of steps) y = this.bullet(step, left, y + 3, width);

    y = this.sectionTitle('Où utiliser mon Pass numérique ?', y + 14);
    const qrSide = 84;
    const qrX = left + width - qrSide;
    drawQr(doc, this.venuesQr, qrX, y, qrSide);
    const textWidth = width - qrSide - 16;
    this.regular(11, BLACK);
    let textY = this.paragraph(
      'La liste des lieux partenaires est sur internet. Scannez ce code avec votre téléphone, ou tapez cette adresse :',
      left,
      y,
      textWidth,
    );
    this.bold(13, BLUE);
    textY = this.paragraph(this.venuesAddress, left, textY + 4, textWidth);
    const venues = (carnet.venues ?? []).slice(0, COVER_VENUES);
    if (venues.length > 0) {
      this.bold(11, BLACK);
      textY = this.paragraph('Près de chez vous :', left, textY + 8, textWidth);
      for (const venue of venues) {
        this.bold(10, BLACK);
        this.textLeft(venue.name, left, textY + 4, textWidth);
        this.regular(10, BLACK);
        const line = venue.phone ? `${venue.address} · Tél. ${venue.phone}` : venue.address;
        this.textLeft(line, left, textY + 17, textWidth);
        textY += 30;
      }
    }
    y = Math.max(textY, y + qrSide);

    if (this.run.cover.helpPhone) {
      this.bold(12, BLACK);
      y = this.paragraph(
        `Une question ? Appelez le ${this.run.cover.helpPhone}.`,
        left,
        y + 14,
        width,
      );
    }

    this.drawFunders(y + 16);
    this.drawStub(carnet);
  }

  private drawFunders(top: number): void {
    const doc = this.doc;
    const left = MARGIN;
    const right = TRIM_WIDTH - MARGIN;
    const bottom = TRIM_HEIGHT - STUB_HEIGHT - 8;
    const eu = showsEuEmblem(this.run.cover.funders);
    if (this.funders.length === 0 && !eu) return;
    this.regular(9, GREY);
    this.textLeft('Financé par', left, top);
    let x = left;
    let y = top + 14;
    const boxHeight = 40;
    const boxWidth = 96;
    const place = (width: number): boolean => {
      if (x + width > right) {
        x = left;
        y += boxHeight + 10;
      }
      return y + boxHeight <= bottom;
    };
    if (eu) {
      const emblemHeight = 32;
      this.regular(9, BLACK);
      const width = emblemHeight * 1.5 + 6 + doc.widthOfString(EU_COFUNDED);
      if (place(width)) {
        drawEuEmblem(doc, x, y + (boxHeight - emblemHeight) / 2, emblemHeight);
        this.regular(9, BLACK);
        this.textLeft(EU_COFUNDED, x + emblemHeight * 1.5 + 6, y + boxHeight / 2 - 5);
        x += width + 16;
      }
    }
    for (const funder of this.funders) {
      if (!place(boxWidth)) break;
      if (funder.image) {
        doc.image(funder.image as Buffer, x, y, {
          fit: [boxWidth, boxHeight],
          align: 'center',
          valign: 'center',
        });
      } else {
        this.regular(8, BLACK);
        doc.text(funder.name, x, y + 4, {
          width: boxWidth,
          height: boxHeight,
          align: 'center',
          ellipsis: true,
        });
      }
      x += boxWidth + 12;
    }
  }

  /** The stub: cut off at hand-out and kept by the structure, filled by hand; no personal data. */
  private drawStub(carnet: PrintCarnet): void {
    const doc = this.doc;
    const left = MARGIN;
    const right = TRIM_WIDTH - MARGIN;
    const top = TRIM_HEIGHT - STUB_HEIGHT;
    doc
      .save()
      .moveTo(0, top)
      .lineTo(TRIM_WIDTH, top)
      .lineWidth(0.75)
      .dash(4, { space: 3 })
      .stroke(GREY)
      .restore();
    this.regular(8, GREY);
    this.textLeft('Découper ici', left, top - 11);
    this.bold(11, BLUE);
    this.textLeft('Talon à remplir par la structure qui remet le carnet', left, top + 12);
    this.bold(11, BLACK);
    const serial = `Carnet n° ${formatCarnetSerial(carnet.serial)}`;
    this.textLeft(serial, right - doc.widthOfString(serial), top + 12);
    this.regular(11, BLACK);
    const fields = ['Date de remise', 'Structure', 'Agent'];
    fields.forEach((label, i) => {
      const y = top + 38 + i * 24;
      const text = `${label} :`;
      this.textLeft(text, left, y);
      const lineX = left + doc.widthOfString(text) + 8;
      doc
        .save()
        .moveTo(lineX, y + 12)
        .lineTo(right, y + 12)
        .lineWidth(0.5)
        .dash(1, { space: 2 })
        .stroke(GREY)
        .restore();
    });
  }

  private sectionTitle(title: string, y: number): number {
    this.bold(13, BLUE);
    return this.paragraph(title, MARGIN, y, TRIM_WIDTH - 2 * MARGIN) + 2;
  }

  private bullet(text: string, x: number, y: number, width: number): number {
    this.doc.text('•', x + 2, y, { lineBreak: false });
    return this.paragraph(text, x + 16, y, width - 16);
  }

  // -------------------------------------------------------------------------------------------
  // Cheques

  private drawChequesHeader(carnet: PrintCarnet, first: number, count: number): void {
    const left = MARGIN;
    const right = TRIM_WIDTH - MARGIN;
    this.bold(13, BLUE);
    this.textLeft(`Carnet n° ${formatCarnetSerial(carnet.serial)}`, left, MARGIN);
    this.regular(10, GREY);
    const range =
      count > 1
        ? `Chèques ${first + 1} à ${first + count} sur ${carnet.cheques.length}`
        : `Chèque ${first + 1} sur ${carnet.cheques.length}`;
    this.textRight(range, right, MARGIN + 2);
    const ruleY = MARGIN + HEADER_HEIGHT - 10;
    this.doc.save().moveTo(left, ruleY).lineTo(right, ruleY).lineWidth(0.5).stroke(GREY).restore();
  }

  private drawCheque(carnet: PrintCarnet, cheque: PrintCheque, index: number, slot: number): void {
    const doc = this.doc;
    const slotHeight = (TRIM_HEIGHT - 2 * MARGIN - HEADER_HEIGHT) / CHEQUES_PER_PAGE;
    const width = TRIM_WIDTH - 2 * MARGIN;
    const height = slotHeight - CHEQUE_GAP;
    const x = MARGIN;
    const y = MARGIN + HEADER_HEIGHT + slot * slotHeight;

    doc.save().rect(x, y, width, height).lineWidth(0.75).dash(4, { space: 3 }).stroke(GREY);
    doc.restore();

    const qrX = x + width - QR_QUIET - QR_SIDE;
    drawQr(doc, qrRuns(cheque.qrPayload), qrX, y + (height - QR_SIDE) / 2, QR_SIDE);

    const left = x + CHEQUE_PADDING;
    const right = qrX - CHEQUE_PADDING;
    const position = `Chèque ${index + 1}/${carnet.cheques.length}`;

    // The programme's name, once per cheque (a cheque cut out of its carnet still says it).
    this.bold(12, BLUE);
    this.textLeft(headingOf(this.run.programmeName), left, y + 11, right - left);
    this.bold(10, BLACK);
    this.textRight(position, right, y + 28);
    const positionWidth = doc.widthOfString(position);
    this.regular(9, BLACK);
    this.textLeft(this.run.territoryLabel, left, y + 29, right - left - positionWidth - 16);
    this.textRight(`Carnet n° ${formatCarnetSerial(carnet.serial)}`, right, y + 58);

    this.bold(30, BLACK);
    this.textLeft(formatEuros(cheque.faceValueCents), left, y + 42);

    this.bold(12, BLACK);
    this.textLeft(`N° ${formatChequeNumber(cheque.number)}`, left, y + 80);
    this.regular(10, BLACK);
    this.textLeft(`Code de sécurité : ${formatSecurityCode(cheque.securityCode)}`, left, y + 96);
    this.regular(9, BLACK);
    this.textLeft(`Valable jusqu'au ${printDate(cheque.validUntil)}`, left, y + 112);
    this.regular(8, GREY);
    this.textLeft('Non échangeable contre des espèces', left, y + 125);
  }

  // -------------------------------------------------------------------------------------------
  // Text

  private regular(size: number, color: string): void {
    this.doc.font(REGULAR).fontSize(size).fillColor(color);
  }

  private bold(size: number, color: string): void {
    this.doc.font(BOLD).fontSize(size).fillColor(color);
  }

  /** Text wrapped to `width` from (x, y); returns the y below it. */
  private paragraph(text: string, x: number, y: number, width: number): number {
    this.doc.text(text, x, y, { width });
    return y + this.doc.heightOfString(text, { width });
  }

  /** One line from (x, y), cut with "…" to maxWidth when given. */
  private textLeft(text: string, x: number, y: number, maxWidth?: number): void {
    let line = text;
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
    this.doc.text(text, right - this.doc.widthOfString(text), y, { lineBreak: false });
  }
}

/** Height of the stub at the bottom of the cover, below its cut line. */
const STUB_HEIGHT = 130;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
