// The venues screens in a real Chromium on the full demo data. A programme manager creates a
// venue, reviews it and qualifies it with the whole checklist; a finance officer enters its
// bank details, may not verify them without their RIB nor himself (four-eyes rule: both reasons
// shown before any click); a second finance officer verifies them from the « Comptes à
// vérifier » queue, beside the RIB, after confirming.
// Needs ADMIN_URL: the test harness starts the API and a `vite preview` of the built admin.
// Each screen it visits is scanned with axe-core (expectAccessible: no serious or critical violation).
import { type AdminBrowser, openAdmin, TEST_TIMEOUT_MS, expectAccessible } from './browser.js';
import type { Page } from 'playwright-core';

const MANAGER_EMAIL = 'manager@demo.carnet.fr';
const FINANCE_EMAIL = 'finance@demo.carnet.fr';
const FINANCE2_EMAIL = 'finance2@demo.carnet.fr';
// Unique per run: the test never depends on what an earlier run left.
const VENUE_NAME = `EPN de test ${Date.now().toString(36)}`;
const SIRET = '73282932000074';
const IBAN = 'FR76 1513 5621 0004 0000 0000 092';
const BIC = 'CEPAFRPP627';
const FOUR_EYES =
  'Vous avez saisi ces coordonnées : un autre agent financier doit les vérifier ou les refuser.';
const NO_RIB = 'Vérification impossible : aucun RIB n’a été déposé pour ces coordonnées.';
// The smallest skeleton the upload accepts: header, an xref table and the trailer pointing at it.
const RIB_HEAD = '%PDF-1.4\n% RIB\n';
const RIB = Buffer.from(
  `${RIB_HEAD}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n${Buffer.byteLength(RIB_HEAD)}\n%%EOF\n`,
);
const CRITERIA = [
  'Identité juridique vérifiée (SIRET/RNA)',
  'Médiateurs numériques formés',
  "Offre d'ateliers d'1 à 2 h",
  "Horaires d'ouverture au public",
  'Locaux accessibles',
  'Équipement et connexion',
  'Charte du Pass numérique signée',
];

describe('venues screens', () => {
  let browser: AdminBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openAdmin('venues');
    page = browser.page;
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  /** Opens the venue from the list, searching it by name. */
  async function openVenue(): Promise<void> {
    await page.getByRole('menuitem', { name: 'Lieux de médiation' }).click();
    await page.waitForURL(/\/venues/);
    await page.getByPlaceholder('Rechercher').fill(VENUE_NAME);
    await page.getByRole('cell', { name: VENUE_NAME }).click();
    await page.waitForURL(/\/venues\/[^/]+\/show/);
  }

  /** Records a qualification decision from the « Qualification » tab. */
  async function decide(target: string, reason: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Nouvelle décision' });
    await form.getByRole('combobox', { name: 'Nouveau statut' }).click();
    await page.getByRole('option', { name: target, exact: true }).click();
    await form.getByLabel('Motif').fill(reason);
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByTestId('qualification-status').filter({ hasText: target }).waitFor();
  }

  // First, while no one is signed in: a venue's staff sees its own venue and no other.
  it(
    'shows a venue its own place only, as « Mon lieu »',
    async () => {
      await browser.step('staff-login', () => browser.login('venue@demo.carnet.fr'));
      await browser.step('own-venue', async () => {
        await page.getByRole('menuitem', { name: 'Mon lieu' }).click();
        await page.waitForURL(/\/venues/);
        await page.getByRole('cell', { name: 'Espace public numérique de Liévin' }).waitFor();
        expect(await page.getByRole('cell', { name: 'EPN de Bully-les-Mines' }).count()).toBe(0);
        expect(await page.getByRole('menuitem', { name: 'Comptes à vérifier' }).count()).toBe(0);
        await expectAccessible(page, 'own-venue');
      });
      await browser.step('staff-logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'creates and qualifies a venue, then two finance officers verify its bank details',
    async () => {
      await browser.step('manager-login', () => browser.login(MANAGER_EMAIL));

      await browser.step('venue-list', async () => {
        await page.getByRole('menuitem', { name: 'Lieux de médiation' }).click();
        await page.waitForURL(/\/venues/);
        // No map tiles configured (the tests' build): no map and no word about the setting, the
        // list alone names the venues.
        await page.getByRole('cell', { name: 'EPN de Bully-les-Mines' }).waitFor();
        expect(await page.getByTestId('venue-map').count()).toBe(0);
        expect(await page.getByText(/VITE_|fond de carte/i).count()).toBe(0);
        await page.getByRole('link', { name: 'Télécharger les données ouvertes (CSV)' }).waitFor();
        await expectAccessible(page, 'venue-list');
      });

      // A national-schema CSV with one bad line is refused whole, the line named in French.
      await browser.step('import-refused', async () => {
        await page.getByRole('button', { name: 'Importer un CSV (schéma national)' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('input[name="venues"]').setInputFiles({
          name: 'lieux.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(
            'id,pivot,nom,commune,code_postal,adresse,date_maj,services\n' +
              'x1,73282932000075,Lieu faux,Lens,62300,1 rue Basly,2026-10-01,Aide aux démarches administratives\n',
          ),
        });
        await dialog.getByText('lieux.csv').waitFor();
        await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
        await dialog
          .getByRole('list', { name: 'Lignes refusées' })
          .getByText(/^Ligne 2/)
          .waitFor();
        await dialog.getByRole('button', { name: 'Annuler' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await expectAccessible(page, 'import-refused');
      });

      await browser.step('create', async () => {
        await page.getByRole('link', { name: 'Créer' }).click();
        await page.waitForURL(/\/venues\/create/);
        await page.locator('input[name="name"]').fill(VENUE_NAME);
        await page.locator('input[name="pivot"]').fill(SIRET);
        await page.locator('input[name="address"]').fill('12 rue Jean Jaurès');
        await page.locator('input[name="postalCode"]').fill('62800');
        await page.locator('input[name="communeName"]').fill('Liévin');
        await page.locator('input[name="inseeCode"]').fill('62510');
        await page.locator('input[name="latitude"]').fill('50.4229');
        await page.locator('input[name="longitude"]').fill('2.7787');
        await page.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
        await page.getByRole('checkbox', { name: 'Seniors' }).check();
        await page.getByRole('checkbox', { name: 'Gratuit', exact: true }).check();
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/venues\/[^/]+\/show/);
        await page.getByText(VENUE_NAME).first().waitFor();
        await expectAccessible(page, 'create');
      });

      await browser.step('review', async () => {
        await page.getByRole('tab', { name: 'Qualification' }).click();
        await page.getByTestId('qualification-status').filter({ hasText: 'Candidature' }).waitFor();
        await decide('En instruction', 'Dossier complet, visite prévue.');
        await expectAccessible(page, 'review');
      });

      await browser.step('qualify', async () => {
        const form = page.getByRole('form', { name: 'Nouvelle décision' });
        for (const criterion of CRITERIA) {
          await form.getByRole('checkbox', { name: criterion }).check();
        }
        await decide('Qualifié', 'Visite du lieu : tous les critères sont remplis.');
        await page
          .getByRole('cell', { name: 'Visite du lieu : tous les critères sont remplis.' })
          .waitFor();
        await expectAccessible(page, 'qualify');
      });

      await browser.step('manager-logout', () => browser.logout());

      await browser.step('finance-enters', async () => {
        await browser.login(FINANCE_EMAIL);
        await openVenue();
        await page.getByRole('tab', { name: 'Compte bancaire' }).click();
        await page.locator('input[name="holderName"]').fill(VENUE_NAME.toUpperCase());
        await page.locator('input[name="iban"]').fill(IBAN);
        await page.locator('input[name="bic"]').fill(BIC);
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page
          .getByTestId('bank-account-current')
          .getByText('En attente', { exact: true })
          .waitFor();
        await expectAccessible(page, 'finance-enters');
      });

      // Refused up front, with its reasons, before any click: no RIB yet, and four eyes.
      await browser.step('four-eyes', async () => {
        const current = page.getByTestId('bank-account-current');
        const verify = current.getByRole('button', { name: 'Vérifier' });
        await current.getByTestId('bank-account-refusal').filter({ hasText: NO_RIB }).waitFor();
        await current.getByTestId('bank-account-refusal').filter({ hasText: FOUR_EYES }).waitFor();
        expect(await verify.getAttribute('aria-disabled')).toBe('true');
        const describedBy = await verify.getAttribute('aria-describedby');
        expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(NO_RIB);
        expect(
          await current.getByRole('button', { name: 'Refuser' }).getAttribute('aria-disabled'),
        ).toBe('true');
        await verify.click({ force: true });
        expect(await page.getByRole('dialog').count()).toBe(0);
        await expectAccessible(page, 'four-eyes');
      });

      await browser.step('rib', async () => {
        const current = page.getByTestId('bank-account-current');
        await current
          .locator('input[name="rib"]')
          .setInputFiles({ name: 'rib.pdf', mimeType: 'application/pdf', buffer: RIB });
        await current.getByText('RIB déposé', { exact: true }).waitFor();
        await current.getByTestId('bank-account-refusal').filter({ hasText: FOUR_EYES }).waitFor();
        expect(await current.getByText(NO_RIB).count()).toBe(0);
        // Still pending.
        await current.getByText('En attente', { exact: true }).waitFor();
        await expectAccessible(page, 'rib');
      });

      await browser.step('finance-logout', () => browser.logout());

      await browser.step('finance2-verifies', async () => {
        await browser.login(FINANCE2_EMAIL);
        await page.getByRole('menuitem', { name: 'Comptes à vérifier' }).click();
        await page.waitForURL(/\/pending-bank-accounts/);
        const row = page.getByRole('row').filter({ hasText: VENUE_NAME });
        await row.getByRole('button', { name: 'Vérifier' }).click();
        // The details beside the RIB itself, then a confirmation.
        const dialog = page.getByRole('dialog', {
          name: `Vérifier les coordonnées bancaires de « ${VENUE_NAME} » ?`,
        });
        await dialog.getByTestId('verify-details').getByText(VENUE_NAME.toUpperCase()).waitFor();
        const preview = dialog.getByTestId('rib-preview');
        await preview.waitFor();
        expect(await preview.getAttribute('src')).toMatch(/^blob:/);
        await expectAccessible(page, 'verify-dialog');
        await dialog.getByRole('button', { name: 'Confirmer la vérification' }).click();
        await page.getByText('Coordonnées bancaires vérifiées').first().waitFor();
        await row.waitFor({ state: 'detached' });
        await expectAccessible(page, 'finance2-verifies');
      });

      await browser.step('verified', async () => {
        await openVenue();
        await page.getByRole('tab', { name: 'Compte bancaire' }).click();
        await page
          .getByTestId('bank-account-current')
          .getByText('Vérifié', { exact: true })
          .waitFor();
        await expectAccessible(page, 'verified');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
