// The screens a commune référent and a prescriber agent use, on a 390 px phone, on the full demo
// data: nothing scrolls sideways and axe-core finds no serious or critical violation.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import {
  type AdminBrowser,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
} from './browser.js';

const REFERENT_EMAIL = 'commune@demo.carnet.fr';
const AGENT_EMAIL = 'prescriber@demo.carnet.fr';

describe('on a phone', () => {
  let browser: AdminBrowser;

  beforeAll(async () => {
    browser = await openAdmin('phone', { viewport: PHONE });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  async function check(screen: string): Promise<void> {
    await expectNoSideScroll(browser.page, screen);
    await expectAccessible(browser.page, screen);
  }

  it(
    'lets a commune référent read and move its carnets',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(REFERENT_EMAIL));
      await browser.step('home', () => check('home'));
      await browser.step('carnets', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/carnets`);
        await page.getByText('Lens').first().waitFor();
        await check('carnet list');
      });
      await browser.step('carnet', async () => {
        await page.getByText('Lens').first().click();
        await page.waitForURL(/\/carnets\/[^/]+\/show/);
        await page.getByRole('button', { name: 'Transférer' }).waitFor();
        await check('carnet page');
        await page.getByRole('button', { name: 'Transférer' }).click();
        await page.getByRole('dialog').waitFor();
        await check('transfer dialog');
        await page.keyboard.press('Escape');
      });
      await browser.step('stocks', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/programmes`);
        await page.getByText('Pass numérique').first().click();
        await page.getByRole('tab', { name: 'Stocks' }).click();
        await page.getByTestId('stock-commune').first().waitFor();
        await check('stocks');
      });
      await browser.step('agents', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/prescribers`);
        await page.getByText('CCAS de Lens').first().waitFor();
        await check('structure list');
        await page.getByText('CCAS de Lens').first().click();
        await page.waitForURL(/\/prescribers\/[^/]+\/show/);
        const agent = page.getByTestId('agent').filter({ hasText: 'Nadia Benali' });
        await agent.getByText('Formé', { exact: true }).waitFor();
        await check('structure page');
        await page.getByRole('button', { name: 'Inviter un agent' }).click();
        await page.getByRole('dialog').waitFor();
        await check('invitation');
        await page.getByLabel('Prénom et nom').fill('Inès Morel');
        await page.getByLabel('E-mail (identifiant de connexion)').fill('ines.morel@ccas-lens.fr');
        // No password: the agent is invited by e-mail and chooses one (account-emails spec).
        await page.getByRole('button', { name: 'Créer le compte' }).click();
        const invited = page.getByTestId('agent').filter({ hasText: 'Inès Morel' });
        await invited.getByText('Pas encore formé').waitFor();
        await invited.getByText('Invitation en attente').waitFor();
        await check('structure page, agent invited');
        await page.getByRole('button', { name: 'Désactiver Inès Morel' }).click();
        await invited.getByText('Désactivé', { exact: true }).waitFor();
        await check('structure page, agent disabled');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets a prescriber agent read its carnets',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(AGENT_EMAIL));
      await browser.step('home', () => check('home'));
      await browser.step('carnets', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/carnets`);
        await page.getByText('CCAS de Lens').first().waitFor();
        await check('carnet list');
      });
      await browser.step('carnet', async () => {
        await page.getByText('CCAS de Lens').first().click();
        await page.waitForURL(/\/carnets\/[^/]+\/show/);
        await check('carnet page');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
