// Signs in to the admin in a real Chromium, checks the home page and the users list, signs out.
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
