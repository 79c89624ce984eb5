// Signs in to the admin in a real Chromium, checks the home page, the users list and the queues
// (Bull Board), signs out.
// Needs ADMIN_URL: the test harness starts the API and a `vite preview` of the built admin.
// Each screen it visits is scanned with axe-core (expectAccessible: no serious or critical violation).
import {
  adminUrl,
  type AdminBrowser,
  expectAccessible,
  openAdmin,
  TEST_TIMEOUT_MS,
} from './browser.js';
import type { Page } from 'playwright-core';

const ADMIN_EMAIL = 'admin@demo.carnet.fr';
const ADMIN_PASSWORD = 'demo-carnet';

describe('admin sign-in', () => {
  let browser: AdminBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openAdmin('login');
    page = browser.page;
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'signs in, lists users and signs out',
    async () => {
      await browser.step('open', async () => {
        await page.goto(adminUrl());
        await page.locator('input[name="username"]').waitFor();
        await expectAccessible(page, 'login page');
      });

      await browser.step('login', async () => {
        await page.locator('input[name="username"]').fill(ADMIN_EMAIL);
        await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
        await page.locator('button[type="submit"]').click();
        await page.getByText('Bienvenue', { exact: false }).first().waitFor();
        await expectAccessible(page, 'home');
      });

      // The access token lives in memory only: a reload renews it from the stored refresh token.
      await browser.step('reload', async () => {
        await page.reload();
        await page.getByText('Bienvenue', { exact: false }).first().waitFor();
      });

      await browser.step('users', async () => {
        await page.getByRole('menuitem', { name: 'Utilisateurs' }).click();
        await page.waitForURL(/\/users/);
        await page.getByRole('cell', { name: ADMIN_EMAIL }).first().waitFor();
        await expectAccessible(page, 'user list');
      });

      // Bull Board opens in a new tab through a single-use link; the board itself is the
      // library's page (not scanned by axe: not ours to fix).
      await browser.step('queues', async () => {
        const [board] = await Promise.all([
          page.context().waitForEvent('page'),
          page.getByRole('menuitem', { name: "Files d'attente" }).click(),
        ]);
        await board.waitForURL(/\/api\/v1\/admin\/queues\/$/);
        await board.getByText('cheques', { exact: true }).first().waitFor();
        expect(await board.title()).toContain('Carnet — files d’attente');
        await board.close();
      });

      await browser.step('logout', async () => {
        await page.getByRole('button', { name: 'Profil' }).click();
        await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
        await page.locator('input[name="username"]').waitFor();
      });

      // Signing out forgets the session: a reload must not sign back in.
      await browser.step('after-logout', async () => {
        await page.reload();
        await page.locator('input[name="username"]').waitFor();
        expect(await page.evaluate(() => localStorage.getItem('carnet.refreshToken'))).toBeNull();
      });
    },
    TEST_TIMEOUT_MS,
  );
});
