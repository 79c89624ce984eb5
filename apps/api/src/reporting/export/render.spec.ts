import ExcelJS from 'exceljs';
import { csvAmount, frenchInstant, renderCsv, renderXlsx, reportFileName, slug } from './render.js';
import { type Column, tableOf } from './table.js';

interface Row {
  name: string;
  count: number;
  cents: number;
  rate: number | null;
  per1000: number;
  period: string;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Nom', kind: 'text', value: (r) => r.name },
  { header: 'Nombre', kind: 'integer', value: (r) => r.count },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.cents },
  { header: "Taux d'utilisation (%)", kind: 'percent', value: (r) => r.rate },
  { header: 'Pour 1 000 habitants', kind: 'decimal', value: (r) => r.per1000 },
  { header: 'Mois', kind: 'period', value: (r) => r.period },
];
const ROWS: Row[] = [
  { name: 'Liévin', count: 1234, cents: 123450, rate: 0.4567, per1000: 8.91, period: '2026-11' },
  { name: '=HYPERLINK("x")', count: 0, cents: 5, rate: null, per1000: 0, period: '2027-01' },
];

describe('report files', () => {
  it('writes amounts in euros with a decimal comma and no thousands separator', () => {
    expect(csvAmount(123450)).toBe('1234,50');
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(0)).toBe('0,00');
    expect(csvAmount(-1999)).toBe('-19,99');
  });

  it('writes a CSV for French spreadsheets: BOM, semicolons, CRLF, French numbers', () => {
    const text = renderCsv(tableOf('Essai', COLUMNS, ROWS)).toString('utf8');
    expect(text).toBe(
      "\ufeffNom;Nombre;Montant (€);Taux d'utilisation (%);Pour 1 000 habitants;Mois\r\n" +
        'Liévin;1234;1234,50;45,67;8,91;11/2026\r\n' +
        // A cell a spreadsheet would run as a formula is defused; an empty rate stays empty.
        '"\'=HYPERLINK(""x"")";0;0,05;;0;01/2027\r\n',
    );
  });

  it('writes an XLSX with one sheet, a bold header and numbers as numbers', async () => {
    const bytes = await renderXlsx(
      tableOf('Essai', COLUMNS, ROWS),
      new Date('2026-11-29T10:00:00Z'),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Essai']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(3).value).toBe('Montant (€)');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe(1234);
    expect(row.getCell(3).value).toBe(1234.5);
    expect(row.getCell(3).numFmt).toBe('#,##0.00 "€"');
    expect(row.getCell(4).value).toBe(45.67);
    expect(row.getCell(5).value).toBe(8.91);
    expect(row.getCell(6).value).toEqual(new Date(Date.UTC(2026, 10, 1)));
    expect(row.getCell(6).numFmt).toBe('mm/yyyy');
    expect(sheet.getRow(3).getCell(4).value).toBeNull();
  });

  it('shows instants on the clock of France, summer and winter', () => {
    expect(frenchInstant(new Date('2026-07-01T22:30:00Z'))).toBe('02/07/2026 00:30');
    expect(frenchInstant(new Date('2026-12-31T23:05:00Z'))).toBe('01/01/2027 00:05');
  });

  it('names the file after the report, the programme and the day of its figures in France', () => {
    expect(slug('Pass numérique Lens-Liévin 2026-2027')).toBe(
      'pass-numerique-lens-lievin-2026-2027',
    );
    expect(slug('« Été » !')).toBe('ete');
    expect(slug('***')).toBe('programme');
    expect(
      reportFileName(
        'by-commune',
        'Pass numérique Lens-Liévin',
        new Date('2026-11-30T23:30:00Z'),
        'csv',
      ),
    ).toBe('by-commune-pass-numerique-lens-lievin-2026-12-01.csv');
  });
});
