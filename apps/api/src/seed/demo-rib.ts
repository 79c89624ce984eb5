import PDFDocument from 'pdfkit';
import type { SetBankAccountDto } from '#src/venues/dto/bank-account.dto.js';

/**
 * A one-page « relevé d'identité bancaire » for the demo's bank details: the finance officer who
 * verifies them sees it beside the details, as with a venue's real RIB.
 */
export function demoRib(details: SetBankAccountDto): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'RIB (démonstration)' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text("Relevé d'identité bancaire", { underline: true });
    doc.moveDown().fontSize(10).text('Document de démonstration — aucune valeur bancaire.');
    doc.moveDown(2).fontSize(12);
    doc.text(`Titulaire : ${details.holderName}`);
    doc.moveDown().text(`IBAN : ${details.iban.replace(/\s/g, '').replace(/(.{4})/g, '$1 ')}`);
    doc.moveDown().text(`BIC : ${details.bic}`);
    doc.end();
  });
}
