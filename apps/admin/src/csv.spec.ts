import { describe, expect, it } from '@jest/globals';

import { csvCell, toCsv } from './csv';

describe('CSV files of the list exports', () => {
  it('writes a BOM, French headers, `;` between fields and CRLF line ends', () => {
    const csv = toCsv(
      [{ name: 'CCAS de Lens', amount: '12,50', active: true }],
      [
        { header: 'Nom', value: (r) => r.name },
        { header: 'Montant (€)', value: (r) => r.amount },
        { header: 'Actif', value: (r) => r.active },
      ],
    );
    expect(csv).toBe('\uFEFFNom;Montant (€);Actif\r\nCCAS de Lens;12,50;Oui\r\n');
  });

  it('quotes a field holding a quote, a semicolon or a line end', () => {
    expect(csvCell('Espace « Le Lien »; Lens')).toBe('"Espace « Le Lien »; Lens"');
    expect(csvCell('Dit "le Cyber"')).toBe('"Dit ""le Cyber"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
  });

  it('keeps a text a spreadsheet would run as a formula as text, and numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://x.fr";"clic")')).toBe(
      '"\'=HYPERLINK(""http://x.fr"";""clic"")"',
    );
    expect(csvCell('+33 3 21 00 00 00')).toBe("'+33 3 21 00 00 00");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('\tTab')).toBe("'\tTab");
    // A negative amount, a signed count and a plain number stay numbers.
    expect(csvCell('-12,50')).toBe('-12,50');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
