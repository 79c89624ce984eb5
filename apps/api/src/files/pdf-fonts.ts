import { createRequire } from 'node:module';

/**
 * The fonts every PDF we make embeds: DejaVu Sans, a free font (Bitstream Vera licence) that
 * covers French and any Latin letter a name may hold, €, « », the narrow no-break space. The
 * standard PDF fonts are never used: they only know WinAnsi, and a print shop asks for every
 * font to be embedded.
 */

const require = createRequire(import.meta.url);
/** Resolved from the package, so the same code runs from src (tests) and dist. */
export const DEJAVU_SANS = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const DEJAVU_SANS_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** The names the fonts are registered under: `doc.font(REGULAR)`. */
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

/**
 * DejaVu as parsed by the first document, for the next ones: pdfkit takes a parsed font as well
 * as a file, and parsing the two TTF files again for each PDF was most of a venue statement's
 * cost (measured: 140 ms a statement, 30 ms with the fonts parsed once; a month's export writes one
 * per venue). Documents only read the parsed font (each embeds its own subset): the bytes are the
 * same.
 */
const parsed: { regular?: object; bold?: object } = {};

/** pdfkit's types know font files only; at run time it takes a parsed font as well. */
const sourceOf = (font: object | undefined, file: string): string =>
  (font as string | undefined) ?? file;

/**
 * Options of a PDFDocument whose default font is DejaVu Sans: pdfkit would load Helvetica
 * otherwise, and write it into the file even if nothing is drawn with it.
 */
export function embeddedFontOptions(): { font: string } {
  return { font: sourceOf(parsed.regular, DEJAVU_SANS) };
}

/** Registers the regular and bold faces on a new document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont(REGULAR, sourceOf(parsed.regular, DEJAVU_SANS));
  doc.registerFont(BOLD, sourceOf(parsed.bold, DEJAVU_SANS_BOLD));
}

/** Keeps the faces a finished document parsed, for the next documents (call before `end`). */
export function rememberFonts(doc: PDFKit.PDFDocument): void {
  const families = fontFamilies(doc);
  parsed.regular ??= families[REGULAR]?.font;
  parsed.bold ??= families[BOLD]?.font;
}

interface FontCache {
  layoutCache?: object;
  /** The parsed font (fontkit's) behind pdfkit's. */
  font?: object;
}

/** The fonts pdfkit loaded for a document, by name. */
function fontFamilies(doc: PDFKit.PDFDocument): Record<string, FontCache> {
  return (doc as unknown as { _fontFamilies?: Record<string, FontCache> })._fontFamilies ?? {};
}

/**
 * pdfkit remembers the layout of every word it drew, until the end: with cheque numbers that
 * is tens of kB a page (measured: 220 MB at 1,000 pages). Without the cache, drawing is about
 * four times slower; forgotten at each page, it stays flat and a page's repeated words (dates,
 * services, amounts) are laid out once.
 */
export function forgetLayouts(doc: PDFKit.PDFDocument): void {
  for (const font of Object.values(fontFamilies(doc))) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}
