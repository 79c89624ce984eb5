import PDFDocument from 'pdfkit';
import { isStructurallyPdf } from './pdf-structure.js';

function renderPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('Délibération du conseil municipal');
    doc.end();
  });
}

describe('isStructurallyPdf', () => {
  it('accepts a PDF, also with bytes after its %%EOF', async () => {
    const pdf = await renderPdf();
    expect(isStructurallyPdf(pdf)).toBe(true);
    expect(isStructurallyPdf(Buffer.concat([pdf, Buffer.from('\n\0\0 trailing')]))).toBe(true);
  });

  it('refuses what only starts like a PDF', async () => {
    const pdf = await renderPdf();
    const cases = [
      Buffer.from('%PDF-1.4\n% a header and nothing else\n%%EOF\n'),
      Buffer.from('<html><body>502 Bad Gateway</body></html>'),
      pdf.subarray(0, Math.floor(pdf.length / 2)),
      Buffer.from(pdf.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n7'), 'latin1'),
      Buffer.from(pdf.toString('latin1').replace(/startxref\s+\d+/, `startxref\n${pdf.length}`)),
      Buffer.alloc(0),
    ];
    for (const bytes of cases) expect(isStructurallyPdf(bytes)).toBe(false);
  });
});
