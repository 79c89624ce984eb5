// A list exported to CSV as a French spreadsheet opens it: « Exporter » on the programmes list
// downloads a file with a byte order mark, `;` between fields, French headers, and each programme
// with its status as a word, its days as dd/mm/yyyy and its budget with a decimal comma. The list
// screen: axe-core finds no serious or critical violation (expectAccessible).
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import { readFile } from 'node:fs/promises';

import {
  adminUrl,
  type AdminBrowser,
  expectAccessible,
  openAdmin,
  TEST_TIMEOUT_MS,
} from './browser.js';

describe('CSV export of a list', () => {
  let browser: AdminBrowser;

  beforeAll(async () => {
    browser = await openAdmin('export', { viewport: { width: 1366, height: 900 } });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'downloads the programmes as a French CSV file',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login('manager@demo.carnet.fr'));
      let bytes = Buffer.alloc(0);
      let name = '';
      await browser.step('export', async () => {
        await page.goto(`${adminUrl()}/#/programmes`);
        await page.getByRole('cell', { name: 'Pass numérique', exact: false }).first().waitFor();
        await expectAccessible(page, 'programme list');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Exporter' }).click(),
        ]);
        name = download.suggestedFilename();
        bytes = await readFile(await download.path());
      });
      expect(name).toBe('programmes.csv');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe('Nom;Territoire;Statut;Début;Fin;Budget');
      const row = lines.find((line) => line.includes('Pass numérique'));
      expect(row).toBeDefined();
      const [, , status, start, end, budget] = row!.split(';');
      expect(['Brouillon', 'Actif', 'Clôturé']).toContain(status);
      expect(start).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(end).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(budget).toMatch(/^\d+,\d{2}$/);
    },
    TEST_TIMEOUT_MS,
  );
});
