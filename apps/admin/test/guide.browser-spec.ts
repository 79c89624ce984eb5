// The README's « Prise en main », walked through in a real Chromium on the full demo data, and
// photographed on the way: each demo role does its first tasks, and at each key screen the test
// waits for what the guide says it shows, scans it with axe-core (no serious or critical
// violation; on a 390 px phone, nothing to scroll sideways either) and saves it as
// docs/prise-en-main/<name>.jpg, the picture the README shows. So the guide's screenshots are
// those of the screens as they are: a changed screen shows up in `git status` after `npm test`.
// Nothing is committed that the guide only shows (the invitation, the issuance, the transfer and
// the bank details' verification are cancelled); the agent's registration and hand-out are real.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import type { Page } from 'playwright-core';

import {
  adminUrl,
  type AdminBrowser,
  expectAccessible,
  expectNoSideScroll,
  guideScreenshot,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
  apiAuth,
  apiGet as get,
  apiUrl as api,
} from './browser.js';

/** The README's screenshots are of a laptop's screen. */
const DESKTOP = { width: 1366, height: 900 } as const;
const PROGRAMME_NAME = 'Pass numérique Lens-Liévin 2026-2027';
const PROGRAMME_TITLE = "Pass numérique — Communauté d'agglomération de Lens-Liévin";
const PENDING_VENUE = 'France services de Méricourt';
const MEDIATOR_VENUE = 'Médiathèque Robert Cousin';
const FUNDER_NAME = 'État — Préfecture du Pas-de-Calais';
/** The issuance the manager prepares, then cancels. */
const ISSUED = 100;

interface Carnet {
  id: string;
  serial: number;
  issuanceId: string;
}

/**
 * A carnet of the CCAS de Lens's stock, for its agent to hand out: the highest serial, as the
 * carnets spec reads serial 1 as never handed out.
 */
async function carnetInStock(): Promise<Carnet> {
  const agent = await apiAuth('prescriber@demo.carnet.fr');
  const stock = await get<{ data: Carnet[] }>(
    '/carnets?filter[holderKind]=PRESCRIBER&filter[status]=ACTIVE&sort=-serial&pageSize=1',
    agent,
  );
  if (!stock.data[0]) throw new Error('the CCAS de Lens has no carnet in stock');
  return stock.data[0];
}

/** The first cheque of a carnet, with the security code printed on it (its run's CSV). */
async function printedCheque(carnet: Carnet): Promise<{ number: string; code: string }> {
  const manager = await apiAuth('manager@demo.carnet.fr');
  const detail = await get<{ cheques: { number: string }[] }>(`/carnets/${carnet.id}`, manager);
  const response = await fetch(`${api()}/issuances/${carnet.issuanceId}/files/csv`, {
    headers: manager,
  });
  const [header, ...lines] = (await response.text()).trim().split('\n');
  const columns = header.split(',');
  const number = detail.cheques[0].number;
  const line = lines
    .map((l) => l.split(','))
    .find((l) => l[columns.indexOf('chequeNumber')] === number);
  if (!line) throw new Error(`cheque ${number} is not in its run's CSV`);
  return { number, code: line[columns.indexOf('securityCode')] };
}

/** « septembre 2026 », as the screens write a month (YYYY-MM). */
const frenchMonth = (period: string): string =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' }).format(
    new Date(`${period}-01T12:00:00`),
  );

/**
 * Nothing loading any more, and the pointer off the controls (no hover, no tooltip): on the app
 * bar's title, as a toast stays while the pointer is over it.
 */
async function settle(page: Page): Promise<void> {
  await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
  await page.mouse.move((page.viewportSize() ?? PHONE).width / 2, 24);
}

/** Signs in afresh, whatever a test before left open (a failed step, say). */
async function signInAs(browser: AdminBrowser, email: string): Promise<void> {
  await browser.step('login', async () => {
    await browser.page.goto(adminUrl());
    await browser.page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await browser.login(email);
  });
}

/**
 * Every screen the guide goes through: loaded, no serious or critical axe-core violation and, on
 * a phone, nothing to scroll sideways.
 */
async function check(page: Page, screen: string): Promise<void> {
  await settle(page);
  if ((page.viewportSize() ?? PHONE).width <= PHONE.width) {
    await expectNoSideScroll(page, screen);
  }
  await expectAccessible(page, screen);
}

/** A key screen of the guide: checked, then photographed for the README. */
async function shoot(page: Page, screen: string, name: string): Promise<void> {
  await check(page, screen);
  await guideScreenshot(page, name);
}

describe('« Prise en main »: the first tasks of each role, photographed for the README', () => {
  let desk: AdminBrowser;
  let phone: AdminBrowser;

  beforeAll(async () => {
    desk = await openAdmin('guide-desk', { viewport: DESKTOP });
    phone = await openAdmin('guide-phone', { viewport: PHONE });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'administrateur: the sign-in page, then an invitation filled in',
    async () => {
      const { page } = desk;
      await desk.step('sign-in page', async () => {
        await page.goto(adminUrl());
        await page.getByRole('heading', { level: 1, name: PROGRAMME_TITLE }).waitFor();
        await page.getByRole('link', { name: 'Mot de passe oublié ?' }).waitFor();
        await shoot(page, 'sign-in page', 'connexion');
      });
      await signInAs(desk, 'admin@demo.carnet.fr');
      await desk.step('home', () => check(page, 'administrator home'));
      await desk.step('invitation', async () => {
        await page.getByRole('menuitem', { name: 'Utilisateurs' }).click();
        await page.waitForURL(/#\/users/);
        await page.getByRole('cell', { name: 'admin@demo.carnet.fr' }).first().waitFor();
        await check(page, 'user list');
        await page.getByRole('link', { name: 'Créer' }).click();
        await page.waitForURL(/#\/users\/create/);
        await page.getByLabel('E-mail').fill('claire.martin@ccas-lievin.fr');
        await page.getByLabel('Nom affiché').fill('Claire Martin');
        await page.getByRole('combobox', { name: 'Rôle' }).click();
        await page.getByRole('option', { name: 'Agent prescripteur' }).click();
        await page.getByRole('combobox', { name: 'Organisation' }).fill('CCAS de Liévin');
        await page.getByRole('option', { name: 'CCAS de Liévin' }).first().click();
        await page.getByText('Laissez vide pour envoyer une invitation').waitFor();
        await shoot(page, 'user creation', 'administrateur-invitation');
      });
      // Not saved: the guide shows the form only.
      await desk.step('logout', () => desk.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gestionnaire: the programme, its allocation, an issuance up to its confirmation, the dashboard',
    async () => {
      const { page } = desk;
      await signInAs(desk, 'manager@demo.carnet.fr');
      await desk.step('home', async () => {
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await check(page, 'manager home');
      });
      await desk.step('programme', async () => {
        await page.getByRole('menuitem', { name: 'Programmes' }).click();
        await page.getByRole('cell', { name: PROGRAMME_NAME }).waitFor();
        await check(page, 'programme list');
        await page.getByRole('cell', { name: PROGRAMME_NAME }).click();
        await page.waitForURL(/\/programmes\/[^/]+\/show/);
        await page
          .getByRole('heading', { level: 1, name: `Programme ${PROGRAMME_NAME}` })
          .waitFor();
        await page.getByText("Valeur faciale d'un chèque").waitFor();
        await shoot(page, 'programme', 'gestionnaire-programme');
      });
      await desk.step('allocation', async () => {
        await page.getByRole('tab', { name: 'Répartition' }).click();
        await page
          .getByTestId('allocation-in-force')
          .filter({ hasText: /version \d+/ })
          .waitFor();
        await page.getByRole('button', { name: 'Prévisualiser' }).waitFor();
        await shoot(page, 'allocation', 'gestionnaire-repartition');
      });
      await desk.step('issuance confirmation', async () => {
        await page.getByRole('tab', { name: 'Émissions' }).click();
        const runs = page.getByTestId('issuance-run');
        await runs.first().waitFor();
        const runsBefore = await runs.count();
        await check(page, 'issuances tab');
        await page.getByLabel('Nombre de carnets').fill(String(ISSUED));
        await page.getByRole('button', { name: 'Émettre', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: new RegExp(`^Émettre ${ISSUED} carnets`) });
        await dialog
          .getByTestId('issue-remaining')
          .getByText(/^Il restera .* du budget\.$/)
          .waitFor();
        await shoot(page, 'issuance confirmation', 'gestionnaire-emission');
        await dialog.getByRole('button', { name: 'Annuler' }).click();
        await dialog.waitFor({ state: 'hidden' });
        expect(await runs.count()).toBe(runsBefore);
      });
      await desk.step('dashboard', async () => {
        await page.getByRole('menuitem', { name: 'Tableau de bord' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await page
          .getByTestId('report-scope')
          .getByText(PROGRAMME_NAME, { exact: false })
          .waitFor();
        await shoot(page, 'dashboard', 'gestionnaire-tableau-de-bord');
      });
      await desk.step('logout', () => desk.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "agent financier: the month's batch waiting for approval, and bank details beside their RIB",
    async () => {
      const { page } = desk;
      // The demo's DRAFT batch, created by finance@ (whatever batches other tests added).
      const finance = await apiAuth('finance@demo.carnet.fr');
      const me = await get<{ displayName: string }>('/auth/me', finance);
      const drafts = await get<{ data: { period: string; createdBy: { name: string } | null }[] }>(
        '/reimbursement-batches?filter[status]=DRAFT&pageSize=100',
        finance,
      );
      const draft = drafts.data.find((b) => b.createdBy?.name === me.displayName);
      if (!draft) throw new Error('no DRAFT batch created by finance@');
      await signInAs(desk, 'finance@demo.carnet.fr');
      await desk.step('home', () => check(page, 'finance officer home'));
      await desk.step('batches', async () => {
        await page.getByRole('menuitem', { name: 'Remboursements' }).click();
        await page.waitForURL(/\/reimbursement-batches/);
        await page.getByRole('link', { name: 'Créer un lot' }).waitFor();
        await page.getByRole('cell', { name: frenchMonth(draft.period), exact: true }).waitFor();
        await shoot(page, 'batch list', 'financier-remboursements');
      });
      await desk.step('draft batch', async () => {
        await page.getByRole('cell', { name: frenchMonth(draft.period), exact: true }).click();
        await page
          .getByRole('heading', { level: 1, name: `Remboursement de ${frenchMonth(draft.period)}` })
          .waitFor();
        await page.getByTestId('batch-status').filter({ hasText: 'À approuver' }).waitFor();
        await page.getByTestId('batch-line').first().waitFor();
        await page
          .getByTestId('approve-refusal')
          .filter({ hasText: "un second agent financier doit l'approuver" })
          .waitFor();
        await shoot(page, 'batch page (draft)', 'financier-lot');
      });
      await desk.step('logout', () => desk.logout());
      // finance@ entered the pending bank details: a second officer verifies them.
      await desk.step('second officer', async () => {
        await desk.login('finance2@demo.carnet.fr');
        await check(page, 'second finance officer home');
      });
      await desk.step('verification', async () => {
        await page.getByRole('menuitem', { name: 'Comptes à vérifier' }).click();
        await page.waitForURL(/\/pending-bank-accounts/);
        const row = page.getByRole('row').filter({ hasText: PENDING_VENUE });
        await row.getByRole('button', { name: 'Vérifier' }).waitFor();
        await check(page, 'bank details to verify');
        await row.getByRole('button', { name: 'Vérifier' }).click();
        const dialog = page.getByRole('dialog', {
          name: `Vérifier les coordonnées bancaires de « ${PENDING_VENUE} » ?`,
        });
        await dialog.getByTestId('verify-details').getByText(PENDING_VENUE.toUpperCase()).waitFor();
        await dialog.getByTestId('rib-preview').waitFor();
        await shoot(page, 'verification dialog', 'financier-verification');
        await dialog.getByRole('button', { name: 'Annuler' }).click();
        await dialog.waitFor({ state: 'hidden' });
        // Still waiting: nothing was decided.
        await row.getByRole('button', { name: 'Vérifier' }).waitFor();
      });
      await desk.step('logout', () => desk.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'financeur: the dashboard of the programme it funds',
    async () => {
      const { page } = desk;
      await signInAs(desk, 'funder@demo.carnet.fr');
      await desk.step('home', async () => {
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await check(page, 'funder home');
      });
      await desk.step('dashboard', async () => {
        await page.getByRole('link', { name: 'Ouvrir le tableau de bord' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await check(page, 'funder dashboard');
        // What is the funder's own: the money of the programme, funder by funder.
        const funders = page.getByTestId('report-funders');
        await funders.getByText(FUNDER_NAME).first().waitFor();
        await funders.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await guideScreenshot(page, 'financeur-tableau-de-bord');
      });
      await desk.step('logout', () => desk.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'référent communal, on a phone: its home, then carnets for a structure up to the transfer',
    async () => {
      const { page } = phone;
      await signInAs(phone, 'commune@demo.carnet.fr');
      await phone.step('home', async () => {
        await page.getByRole('heading', { name: 'Commune de Lens' }).waitFor();
        await page.getByTestId('figure-commune-stock').waitFor();
        await shoot(page, 'référent home', 'referent-accueil');
      });
      await phone.step('transfer', async () => {
        await page.goto(`${adminUrl()}/#/carnets`);
        // Carnets of the commune's own stock, as its list shows them.
        const own = page.getByRole('link', { name: /^Carnet n° \d+.*Commune$/ });
        await own.nth(4).waitFor();
        const serial = async (n: number) =>
          /Carnet n° (\d+)/.exec((await own.nth(n).textContent()) ?? '')![1];
        const [from, to] = [await serial(0), await serial(4)];
        await check(page, 'carnet list');
        await page.getByRole('button', { name: 'Transférer une plage' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('input[name="serialFrom"]').fill(from);
        await dialog.locator('input[name="serialTo"]').fill(to);
        await dialog.getByRole('radio', { name: 'Une structure prescriptrice' }).check();
        await dialog.getByRole('combobox', { name: /^Structure prescriptrice/ }).fill('CCAS');
        await page.getByRole('option', { name: 'CCAS de Lens' }).click();
        await dialog.getByRole('button', { name: 'Transférer', exact: true }).waitFor();
        await shoot(page, 'transfer dialog', 'referent-transfert');
        await dialog.getByRole('button', { name: 'Annuler' }).click();
        await dialog.waitFor({ state: 'hidden' });
      });
      await phone.step('logout', () => phone.logout());
    },
    TEST_TIMEOUT_MS,
  );

  let handedOut: Carnet | undefined;

  it(
    'agent prescripteur, on a phone: its home, a person registered and handed a carnet',
    async () => {
      const { page } = phone;
      const carnet = await carnetInStock();
      const serial = String(carnet.serial).padStart(7, '0');
      await signInAs(phone, 'prescriber@demo.carnet.fr');
      await phone.step('home', async () => {
        await page.getByRole('heading', { name: 'CCAS de Lens' }).waitFor();
        await page.getByTestId('figure-stock').waitFor();
        await shoot(page, 'agent home', 'prescripteur-accueil');
      });
      await phone.step('registration', async () => {
        await page.getByRole('link', { name: 'Nouveau bénéficiaire' }).click();
        await page.getByRole('heading', { level: 1, name: 'Inscrire une personne' }).waitFor();
        await page.getByRole('radio', { name: '60 à 74 ans' }).check();
        await page.getByRole('radio', { name: 'Retraité ou retraitée' }).check();
        await page.getByLabel('Prénom (facultatif)').fill('Simone');
        // A new household each run: one carnet per household.
        await page
          .getByLabel('Adresse du foyer')
          .fill(`${Date.now() % 900} rue Jean Jaurès 62300 Lens`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot(page, 'registration form', 'prescripteur-inscription');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/beneficiaries\/[^/]+\/show/);
        await page.getByRole('heading', { name: 'Simone' }).waitFor();
        await check(page, 'beneficiary page');
      });
      await phone.step('diagnostic', async () => {
        await page.getByRole('button', { name: 'Faire un diagnostic' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('De quoi la personne a-t-elle besoin ?').waitFor();
        await dialog.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
        await dialog.getByRole('checkbox', { name: 'Impôts' }).check();
        await shoot(page, 'diagnostic: needs', 'prescripteur-diagnostic');
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByRole('radio', { name: /bloque sur les démarches en ligne/ }).check();
        await check(page, 'diagnostic: autonomy');
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByRole('checkbox', { name: 'Un smartphone' }).check();
        await check(page, 'diagnostic: equipment');
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByLabel('Notes (facultatif)').waitFor();
        await check(page, 'diagnostic: notes');
        await dialog.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByTestId('diagnostic').getByText('Impôts').waitFor();
        // The notice lies over the page's last button until it goes, which it does only once
        // the pointer has left it.
        await page.mouse.move(PHONE.width / 2, 24);
        await page.getByText('Diagnostic enregistré').waitFor({ state: 'hidden' });
      });
      await phone.step('hand-out', async () => {
        await page.getByRole('button', { name: 'Remettre un carnet' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Numéro du carnet').fill(serial);
        await check(page, 'hand-out dialog');
        await dialog.getByRole('button', { name: 'Remettre le carnet' }).click();
        await dialog.getByText(`Carnet n° ${serial} remis`).waitFor();
        await dialog.getByText('10 chèques, soit 100,00 €').waitFor();
        await shoot(page, 'hand-out done', 'prescripteur-remise');
        await dialog.getByRole('button', { name: 'Fermer' }).click();
        await page.getByTestId('hand-out').filter({ hasText: serial }).waitFor();
        await check(page, 'beneficiary page, carnet handed out');
      });
      handedOut = carnet;
      await phone.step('logout', () => phone.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'personnel de lieu, on a phone: a cheque presented at the counter, then « Mes relevés »',
    async () => {
      const { page } = phone;
      // A cheque of the carnet just handed out, as the person brings it.
      const carnet = handedOut ?? (await carnetInStock());
      const cheque = await printedCheque(carnet);
      await signInAs(phone, 'mediateur@demo.carnet.fr');
      await phone.step('home', async () => {
        await page.getByRole('heading', { name: MEDIATOR_VENUE }).waitFor();
        await page.getByTestId('figure-redemptions').waitFor();
        await shoot(page, 'venue home', 'lieu-accueil');
      });
      await phone.step('counter', async () => {
        await page.getByRole('link', { name: 'Encaisser des chèques' }).click();
        await page.getByRole('heading', { name: 'Chèques présentés' }).waitFor();
        await check(page, 'counter');
        await page.getByLabel('Numéro du chèque').fill(cheque.number);
        await page.getByLabel('Code de sécurité').fill(cheque.code);
        await page.getByRole('button', { name: 'Ajouter ce chèque' }).click();
        const presented = page
          .getByTestId('presented-cheque')
          .filter({ hasText: cheque.number.replace(/(\d{4})(?=\d)/g, '$1 ') });
        await presented.getByText(/^Valable : /).waitFor();
        await shoot(page, 'counter, one cheque presented', 'lieu-encaisser');
      });
      // Not redeemed: the guide shows the counter only.
      await phone.step('statements', async () => {
        await page.goto(`${adminUrl()}/#/releves`);
        await page
          .getByTestId('statement-status')
          .getByText(/^Payé le /)
          .first()
          .waitFor();
        await shoot(page, 'statements', 'lieu-releves');
      });
      await phone.step('logout', () => phone.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'public page « Où utiliser mon Pass numérique ? », on a phone, without signing in',
    async () => {
      const { page } = phone;
      await phone.step('public page', async () => {
        await page.goto(`${adminUrl()}/lieux`);
        await page
          .getByRole('heading', { level: 1, name: 'Où utiliser mon Pass numérique ?' })
          .waitFor();
        await page
          .getByRole('status')
          .getByText(/^\d+ lieux?/)
          .waitFor();
        await page.getByTestId('public-venue').first().waitFor();
        await shoot(page, 'public page', 'public-lieux');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
