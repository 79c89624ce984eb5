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
 * Options of a PDFDocument whose default font is DejaVu Sans: pdfkit would load Helvetica
 * otherwise, and write it into the file even if nothing is drawn with it.
 */
export const EMBEDDED_FONT_OPTIONS = { font: DEJAVU_SANS } as const;

/** Registers the regular and bold faces on a new document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont(REGULAR, DEJAVU_SANS);
  doc.registerFont(BOLD, DEJAVU_SANS_BOLD);
}

interface FontCache {
  layoutCache?: object;
}

/**
 * pdfkit remembers the layout of every word it drew, until the end: with cheque numbers that
 * is tens of kB a page (measured: 220 MB at 1,000 pages). Without the cache, drawing is about
 * four times slower; forgotten at each page, it stays flat and a page's repeated words (dates,
 * services, amounts) are laid out once.
 */
export function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, FontCache> })._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}
