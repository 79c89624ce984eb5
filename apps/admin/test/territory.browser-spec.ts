// The territory and funding screens in a real Chromium, signed in as a programme manager on the
// full demo data: imports the communes of CA de Lens-Liévin again (nothing changes), withdraws and
// publishes again the demo programme's usage as open data, then previews and commits a new
// allocation of the demo programme and sees it in force.
// Needs ADMIN_URL: the test harness starts the API and a `vite preview` of the built admin.
// Each screen it visits is scanned with axe-core (expectAccessible: no serious or critical violation).
import { type AdminBrowser, openAdmin, TEST_TIMEOUT_MS, expectAccessible } from './browser.js';
import type { Page } from 'playwright-core';

const MANAGER_EMAIL = 'manager@demo.carnet.fr';
const PROGRAMME_NAME = 'Pass numérique Lens-Liévin 2026-2027';
const LENS_LIEVIN_SIREN = '246200364';

/** French number formatting puts (narrow) no-break spaces in "3 900": compare digits only. */
const digits = (text: string | null): string => (text ?? '').replace(/\s/g, '');

describe('territory and funding screens', () => {
  let browser: AdminBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openAdmin('territory');
    page = browser.page;
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'imports communes, previews and commits a new allocation',
    async () => {
      await browser.step('login', () => browser.login(MANAGER_EMAIL));

      await browser.step('communes', async () => {
        await page.getByRole('menuitem', { name: 'Communes' }).click();
        await page.waitForURL(/\/communes/);
        await page.getByRole('cell', { name: 'Liévin', exact: true }).waitFor();
        await expectAccessible(page, 'communes');
      });

      // The demo already holds these 36 communes: importing again creates none.
      await browser.step('import-communes', async () => {
        await page.getByRole('button', { name: 'Importer des communes' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('radio', { name: 'Par EPCI (SIREN)' }).check();
        await dialog.getByLabel("SIREN de l'EPCI").fill(LENS_LIEVIN_SIREN);
        await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
        await page.getByText(/36 communes : 0 créée\(s\), \d+ mise\(s\) à jour/).waitFor();
        await dialog.waitFor({ state: 'hidden' });
        await expectAccessible(page, 'import-communes');
      });

      await browser.step('programme', async () => {
        await page.getByRole('menuitem', { name: 'Programmes' }).click();
        await page.getByRole('cell', { name: PROGRAMME_NAME }).click();
        await page.waitForURL(/\/programmes\/[^/]+\/show/);
        await expectAccessible(page, 'programme');
      });

      // The demo publishes the programme's usage. Its manager withdraws it from the form (the
      // show page says so, without the links), then publishes it again: the show page links the
      // public files, which answer without login.
      await browser.step('open-data', async () => {
        const publish = async (on: boolean) => {
          await page.getByRole('link', { name: 'Éditer' }).click();
          await page.waitForURL(/\/programmes\/[^/]+$/);
          await page.getByText(/Les nombres inférieurs à 5 sont masqués/).waitFor();
          await page.getByLabel("Publier les données d'usage en open data").setChecked(on);
          await expectAccessible(page, 'open-data-form');
          await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
          await page.waitForURL(/\/programmes\/[^/]+\/show/);
        };
        await page.getByText('Publiées', { exact: true }).waitFor();
        await publish(false);
        await page.getByText('Non publiées', { exact: true }).waitFor();
        expect(await page.getByRole('link', { name: 'Télécharger en CSV' }).count()).toBe(0);
        await publish(true);
        await page.getByText('Publiées', { exact: true }).waitFor();
        const href = await page
          .getByRole('link', { name: 'Télécharger en CSV' })
          .getAttribute('href');
        const csv = await page.request.get(new URL(href ?? '', page.url()).toString());
        expect(csv.status()).toBe(200);
        expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
          'code_insee;commune;mois;service;seances;cheques;montant_euros',
        );
        await page.getByRole('link', { name: 'Voir en JSON' }).waitFor();
        await expectAccessible(page, 'open-data');
      });

      // A manager names référents among the commune's COMMUNE_REFERENT accounts.
      await browser.step('referents', async () => {
        await page.getByRole('tab', { name: 'Communes adhérentes' }).click();
        await page.getByRole('button', { name: "Modifier l'adhésion de Lens" }).click();
        const dialog = page.getByRole('dialog');
        await dialog
          .getByRole('button', { name: 'Julien Caron' })
          .or(dialog.getByText('Julien Caron'))
          .first()
          .waitFor();
        await dialog.getByRole('button', { name: 'Annuler' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await expectAccessible(page, 'referents');
      });

      await browser.step('allocation-tab', async () => {
        await page.getByRole('tab', { name: 'Répartition' }).click();
        await expectAccessible(page, 'allocation-tab');
      });

      // Read the version in force rather than assume it: the test must not depend on history.
      let versionBefore = 0;
      await browser.step('in-force-before', async () => {
        const heading = page.getByTestId('allocation-in-force');
        await heading.filter({ hasText: /version \d+/ }).waitFor();
        versionBefore = Number(/version (\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
        expect(versionBefore).toBeGreaterThanOrEqual(1);
        await expectAccessible(page, 'in-force-before');
      });

      await browser.step('preview', async () => {
        await page.getByLabel('Nombre total de carnets').fill('3900');
        await page.getByRole('button', { name: 'Prévisualiser' }).click();
        const totals = page.getByTestId('allocation-preview').getByTestId('allocation-totals');
        await totals.waitFor();
        // Columns: label, fixed part, variable part, total, change.
        const cells = totals.locator('td');
        expect(digits(await cells.nth(0).textContent())).toBe('Total');
        expect(digits(await cells.nth(3).textContent())).toBe('3900');
        const fixed = Number(digits(await cells.nth(1).textContent()));
        const variable = Number(digits(await cells.nth(2).textContent()));
        expect(fixed + variable).toBe(3900);
        await expectAccessible(page, 'preview');
      });

      await browser.step('commit', async () => {
        await page.getByRole('button', { name: 'Valider la répartition' }).click();
        await page
          .getByText(`version ${versionBefore + 1} en vigueur`)
          .first()
          .waitFor();
        await page
          .getByTestId('allocation-in-force')
          .filter({ hasText: new RegExp(`version ${versionBefore + 1} \\(3\\s900 carnets\\)`) })
          .waitFor();
        // The committed lines replace the old ones, and the history keeps both versions.
        const totals = page.getByTestId('allocation-totals');
        await totals
          .filter({ hasText: /3\s900/ })
          .first()
          .waitFor();
        await page.getByRole('cell', { name: 'En vigueur' }).waitFor();
        await expectAccessible(page, 'commit');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
