import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import {
  BOLD,
  embeddedFontOptions,
  forgetLayouts,
  REGULAR,
  registerFonts,
  rememberFonts,
} from '#src/files/pdf-fonts.js';
import { type FileDigest, Metered, relieve } from './output.js';

/**
 * What the batch's PDFs share: DejaVu Sans embedded (the standard PDF fonts only know WinAnsi,
 * and names typed by people may hold any letter; DejaVu has them, and €, « », the narrow
 * no-break space), A4 pages drawn as rows arrive, and a table whose header repeats on each page.
 */

export const MARGIN = 40;
export const BLUE = '#000091';
export const GREY = '#555555';
const RULE = '#BBBBBB';
const HEADER_FILL = '#EEEEF6';

export interface PdfMeta {
  title: string;
  subject: string;
  /** The document's date: the export's, so that a retried export writes the same bytes. */
  createdAt: Date;
  /** Footer of every page, left of the page number. */
  footer: string;
  /** Deflate page contents (default true); tests turn it off to read the text. */
  compress?: boolean;
}

/**
 * A pdfkit document piped (through a byte counter and hash) into `out`. Draw, call `relieve`
 * every few rows so a slow output slows the drawing, then `end`. Pages are written out as the
 * next one starts (no page buffering): memory stays flat whatever the number of pages.
 */
export class PdfOutput {
  readonly doc: PDFKit.PDFDocument;
  private readonly meter = new Metered();
  private readonly done: Promise<void>;
  private failure: Error | null = null;
  pages = 0;

  constructor(
    private readonly meta: PdfMeta,
    out: Writable,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      autoFirstPage: false,
      compress: meta.compress ?? true,
      ...embeddedFontOptions(),
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        Title: meta.title,
        Subject: meta.subject,
        Author: 'Carnet',
        Creator: 'Carnet',
        Producer: 'Carnet',
        CreationDate: meta.createdAt,
      },
    });
    registerFonts(this.doc);
    this.done = pipeline(this.doc, this.meter, out);
    // Awaited by relieve and end; this only keeps an early failure from going unhandled.
    this.done.catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN - 18;
  }

  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  regular(size: number, color = '#000000'): this {
    this.doc.font(REGULAR).fontSize(size).fillColor(color);
    return this;
  }

  bold(size: number, color = '#000000'): this {
    this.doc.font(BOLD).fontSize(size).fillColor(color);
    return this;
  }

  /** A new page with its footer; returns the y where content starts. */
  addPage(): number {
    forgetLayouts(this.doc);
    this.doc.addPage();
    this.pages++;
    const y = this.doc.page.height - MARGIN;
    this.regular(8, GREY);
    // No width: pdfkit would wrap, and below the margin wrapping starts a page.
    this.doc.text(this.meta.footer, MARGIN, y, { lineBreak: false });
    const number = `Page ${this.pages}`;
    this.doc.text(number, MARGIN + this.width - this.doc.widthOfString(number), y, {
      lineBreak: false,
    });
    return MARGIN;
  }

  /** Text in a box from (x, y), wrapped to `width`; returns the y below it. */
  text(
    text: string,
    x: number,
    y: number,
    width: number,
    align: 'left' | 'right' = 'left',
  ): number {
    this.doc.text(text, x, y, { width, align });
    return y + this.doc.heightOfString(text, { width });
  }

  rule(y: number): void {
    this.doc
      .save()
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.5)
      .stroke(RULE)
      .restore();
  }

  /** Waits while the output is full; throws if the output failed. */
  async relieve(): Promise<void> {
    this.assertWorking();
    await relieve(this.meter);
    this.assertWorking();
  }

  private assertWorking(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** Finishes the PDF; resolves once every byte is written, with their size and SHA-256. */
  async end(): Promise<FileDigest> {
    this.assertWorking();
    if (this.pages === 0) this.addPage();
    rememberFonts(this.doc);
    this.doc.end();
    await this.done;
    return { bytes: this.meter.bytes, sha256: this.meter.sha256 };
  }

  /** Stops on a failure of the caller (a bad row): `out` is destroyed, as it holds no PDF. */
  async fail(error: unknown): Promise<never> {
    const reason = error instanceof Error ? error : new Error(String(error));
    this.doc.destroy(reason);
    await this.done.catch(() => undefined);
    throw reason;
  }
}

export interface TableColumn {
  header: string;
  /** Share of the page width. */
  width: number;
  align?: 'left' | 'right';
}

const PAD = 4;
const TABLE_FONT = 9;

/**
 * A table drawn row by row: a row that does not fit goes on a new page, under the header again
 * and the page heading `onNewPage` draws.
 */
export class PdfTable {
  private y = 0;
  private readonly widths: number[];

  constructor(
    private readonly pdf: PdfOutput,
    private readonly columns: readonly TableColumn[],
    private readonly onNewPage: () => number,
  ) {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    this.widths = columns.map((column) => (column.width / total) * pdf.width);
  }

  /** Starts the table at y on the current page. */
  start(y: number): void {
    this.y = y;
    if (this.y + 3 * this.lineHeight() > this.pdf.bottom) this.y = this.newPage();
    this.header();
  }

  /** One row; `bold` for a totals row. */
  row(cells: readonly string[], bold = false): void {
    const height = this.heightOf(cells, bold);
    if (this.y + height > this.pdf.bottom) {
      this.y = this.newPage();
      this.header();
    }
    this.draw(cells, this.y, bold);
    this.y += height;
    this.pdf.rule(this.y);
  }

  /** The y below the last row. */
  get end(): number {
    return this.y;
  }

  private newPage(): number {
    this.pdf.addPage();
    return this.onNewPage();
  }

  private lineHeight(): number {
    this.pdf.regular(TABLE_FONT);
    return this.pdf.doc.currentLineHeight(true) + 2 * PAD;
  }

  private header(): void {
    const cells = this.columns.map((column) => column.header);
    const height = this.heightOf(cells, true);
    this.pdf.doc.save().rect(MARGIN, this.y, this.pdf.width, height).fill(HEADER_FILL).restore();
    this.draw(cells, this.y, true, BLUE);
    this.y += height;
    this.pdf.rule(this.y);
  }

  private heightOf(cells: readonly string[], bold: boolean): number {
    if (bold) this.pdf.bold(TABLE_FONT);
    else this.pdf.regular(TABLE_FONT);
    let height = 0;
    cells.forEach((cell, i) => {
      height = Math.max(
        height,
        this.pdf.doc.heightOfString(cell || ' ', { width: this.widths[i] - 2 * PAD }),
      );
    });
    return height + 2 * PAD;
  }

  private draw(cells: readonly string[], y: number, bold: boolean, color = '#000000'): void {
    if (bold) this.pdf.bold(TABLE_FONT, color);
    else this.pdf.regular(TABLE_FONT, color);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = this.widths[i];
      this.pdf.doc.text(cell, x + PAD, y + PAD, {
        width: width - 2 * PAD,
        align: this.columns[i].align ?? 'left',
      });
      x += width;
    });
  }
}
