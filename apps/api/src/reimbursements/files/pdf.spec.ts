import { Writable } from 'node:stream';
import { PdfOutput, PdfTable } from './pdf.js';

/** Draws a small document in both fonts; answers its digest and the parsed fonts it used. */
async function draw(): Promise<{ sha256: string; fonts: (object | undefined)[] }> {
  const out = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const pdf = new PdfOutput(
    {
      title: 'Relevé',
      subject: 'Chèques « Pass numérique » remboursés',
      createdAt: new Date('2026-11-03T09:15:00Z'),
      footer: 'Carnet — octobre 2026',
    },
    out,
  );
  const y = pdf.addPage();
  pdf.bold(14).text('Médiathèque « Œuvre » de Liévin', 40, y, 400);
  const table = new PdfTable(
    pdf,
    [
      { header: 'Service', width: 0.7 },
      { header: 'Montant', width: 0.3, align: 'right' },
    ],
    () => pdf.addPage(),
  );
  table.start(y + 40);
  table.row(['Aide aux démarches administratives', '20,00 €']);
  table.row(['Maîtrise des outils numériques du quotidien', '10,00 €']);
  const families = (pdf.doc as unknown as { _fontFamilies: Record<string, { font?: object }> })
    ._fontFamilies;
  const fonts = [families.DejaVuSans?.font, families['DejaVuSans-Bold']?.font];
  const { sha256 } = await pdf.end();
  return { sha256, fonts };
}

describe('PDF output', () => {
  // The first document of this file's module parses the font files; the next ones reuse them.
  it('parses DejaVu once and writes the same bytes with the fonts parsed for an earlier document', async () => {
    const first = await draw();
    const second = await draw();
    expect(first.fonts.every((font) => font !== undefined)).toBe(true);
    expect(second.fonts[0]).toBe(first.fonts[0]);
    expect(second.fonts[1]).toBe(first.fonts[1]);
    expect(second.sha256).toBe(first.sha256);
  });
});
