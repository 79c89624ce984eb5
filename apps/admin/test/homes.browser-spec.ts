// The homes of a prescriber agent and of a commune référent, the trainings screen and the
// served communes of a structure, on a 390 px phone, on the full demo data: the figures shown,
// nothing scrolling sideways, and no serious or critical axe-core violation on any screen.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import {
  type AdminBrowser,
  DEMO_PASSWORD,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
} from './browser.js';

const REFERENT_EMAIL = 'commune@demo.carnet.fr';
const AGENT_EMAIL = 'prescriber@demo.carnet.fr';

interface CommuneSummary {
  totals: { carnets: number; structuresCarnets: number };
  structures: { name: string; carnets: number; handedOutThisMonth: number }[];
}

/**
 * Lens's figures as the API gives them to its référent: what the homes must show. Read from the
 * API because the demo's stock moves with the other browser scenarios (hand-outs at the counter).
 */
async function lensSummary(): Promise<CommuneSummary> {
  const api = `${process.env.ADMIN_URL}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: REFERENT_EMAIL, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const summary = await fetch(`${api}/communes/62498/summary`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return (await summary.json()) as CommuneSummary;
}

/** Today as the date input takes it. */
const today = (): string => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

describe('homes, trainings and served communes on a phone', () => {
  let browser: AdminBrowser;

  beforeAll(async () => {
    browser = await openAdmin('homes', { viewport: PHONE });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  async function check(screen: string): Promise<void> {
    // Scan the screen once loaded, not a loading indicator on its way out.
    await browser.page.getByRole('progressbar').first().waitFor({ state: 'detached' });
    await expectNoSideScroll(browser.page, screen);
    await expectAccessible(browser.page, screen);
  }

  it(
    "shows a prescriber agent its structure's figures, its training and its two actions",
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(AGENT_EMAIL));
      await browser.step('home', async () => {
        await page.getByRole('heading', { name: 'CCAS de Lens' }).waitFor();
        const ccas = (await lensSummary()).structures.find((s) => s.name === 'CCAS de Lens')!;
        // The demo's CCAS holds carnets and handed some out this month (demo-beneficiaries.ts).
        expect(ccas.carnets).toBeGreaterThan(0);
        expect(ccas.handedOutThisMonth).toBeGreaterThan(0);
        const stock = page.getByTestId('figure-stock');
        await stock.getByText(String(ccas.carnets), { exact: true }).waitFor();
        await stock.getByText('carnets en stock dans votre structure').waitFor();
        await page
          .getByTestId('figure-handed-out')
          .getByText(String(ccas.handedOutThisMonth), { exact: true })
          .waitFor();
        await page
          .getByTestId('figure-handed-out')
          .getByText(/^carnets remis en /)
          .waitFor();
        await page
          .getByTestId('figure-beneficiaries')
          .getByText(/^bénéficiaires inscrits en /)
          .waitFor();
        await page
          .getByTestId('training-status')
          .getByText('Vous êtes formé(e)', { exact: false })
          .waitFor();
        const create = page.getByRole('link', { name: 'Nouveau bénéficiaire' });
        expect(await create.getAttribute('href')).toBe('#/beneficiaries/create');
        const search = page.getByRole('link', { name: 'Rechercher un foyer' });
        expect(await search.getAttribute('href')).toBe('#/beneficiaries');
        await check('agent home');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a référent its structures and untrained agents, and records a training that trains one',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(REFERENT_EMAIL));
      await browser.step('home', async () => {
        await page.getByRole('heading', { name: 'Commune de Lens' }).waitFor();
        const lens = await lensSummary();
        const ccasFigures = lens.structures.find((s) => s.name === 'CCAS de Lens')!;
        await page
          .getByTestId('figure-commune-stock')
          .getByText(String(lens.totals.carnets), { exact: true })
          .waitFor();
        await page
          .getByTestId('figure-structures-stock')
          .getByText(String(lens.totals.structuresCarnets), { exact: true })
          .waitFor();
        const ccas = page.getByTestId('home-structure').filter({ hasText: 'CCAS de Lens' });
        await ccas
          .getByText(
            new RegExp(
              `^${ccasFigures.carnets} en stock · ${ccasFigures.handedOutThisMonth} remis en `,
            ),
          )
          .waitFor();
        const jaures = page
          .getByTestId('home-structure')
          .filter({ hasText: 'Centre social Jean Jaurès' });
        await jaures.getByText('1 agent à former').waitFor();
        await page.getByTestId('untrained-agent').filter({ hasText: 'Chantal Duhamel' }).waitFor();
        await check('référent home');
      });
      await browser.step('new training', async () => {
        await page.getByRole('link', { name: 'Enregistrer une formation' }).click();
        await page.waitForURL(/\/trainings\/create/);
        await page.getByLabel('Date').waitFor();
        await check('training form');
        await page.getByLabel('Date').fill(today());
        await page.getByLabel('Formateur ou organisme').fill('Hub numérique des Hauts-de-France');
        await page.getByLabel('Diagnostic des besoins numériques').check();
        await page.getByLabel('Structure').fill('Jean');
        await page.getByRole('option', { name: 'Centre social Jean Jaurès' }).click();
        await page.getByTestId('training-agents').getByLabel('Chantal Duhamel').check();
        await page
          .getByTestId('training-attendee')
          .filter({ hasText: 'Chantal Duhamel' })
          .waitFor();
        await check('training form, an attendee chosen');
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page.waitForURL(/\/trainings$/);
        await page.getByText('Chantal Duhamel', { exact: false }).first().waitFor();
        await check('training list');
      });
      await browser.step('training edit', async () => {
        await page.getByText('Chantal Duhamel', { exact: false }).first().click();
        await page.waitForURL(/\/trainings\/[^/]+$/);
        await page
          .getByText(/^Formation du /)
          .first()
          .waitFor();
        await page
          .getByTestId('training-attendee')
          .filter({ hasText: 'Chantal Duhamel' })
          .waitFor();
        await check('training edit');
      });
      await browser.step('home once trained', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/`);
        await page.getByRole('heading', { name: 'Commune de Lens' }).waitFor();
        // Trained today: no longer listed once the home has its fresh figures.
        await page
          .getByTestId('untrained-agent')
          .filter({ hasText: 'Chantal Duhamel' })
          .waitFor({ state: 'detached' });
        await page
          .getByTestId('home-structure')
          .filter({ hasText: 'Centre social Jean Jaurès' })
          .getByText('1 agent à former')
          .waitFor({ state: 'detached' });
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets a référent choose the communes a structure serves by name, and shows them with its stock',
    async () => {
      const { page } = browser;
      await browser.step('structure page', async () => {
        const jaures = (await lensSummary()).structures.find(
          (s) => s.name === 'Centre social Jean Jaurès',
        )!;
        await page.goto(`${process.env.ADMIN_URL}/#/prescribers`);
        await page.getByText('Centre social Jean Jaurès').first().click();
        await page.waitForURL(/\/prescribers\/[^/]+\/show/);
        await page
          .getByTestId('structure-stock')
          .getByText(
            new RegExp(`${jaures.carnets} en stock · ${jaures.handedOutThisMonth} remis en `),
          )
          .waitFor();
        await page.getByText('Aucune autre commune').waitFor();
        await check('structure page');
      });
      await browser.step('structure form', async () => {
        await page.getByRole('link', { name: 'Éditer' }).click();
        await page.waitForURL(/\/prescribers\/[^/]+$/);
        const served = page.getByLabel('Autres communes desservies');
        await served.fill('Avion');
        await page.getByRole('option', { name: 'Avion (62065)' }).click();
        await check('structure form with a served commune');
        await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await page.waitForURL(/\/prescribers\/[^/]+\/show/);
        await page.getByTestId('served-communes').getByText('Avion', { exact: true }).waitFor();
        await check('structure page with a served commune');
      });
      await browser.step('structure form again', async () => {
        // The commune chosen comes back by name in the form.
        await page.getByRole('link', { name: 'Éditer' }).click();
        await page
          .getByRole('button', { name: 'Avion (62065)' })
          .or(page.getByText('Avion (62065)'))
          .first()
          .waitFor();
      });
    },
    TEST_TIMEOUT_MS,
  );
});
