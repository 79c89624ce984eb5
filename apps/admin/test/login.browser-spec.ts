// Signs in to the admin in a real Chromium, checks the home page and the users list, signs out.
// Needs ADMIN_URL: the test harness starts the API and a `vite preview` of the built admin.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ADMIN_URL = process.env.ADMIN_URL;
const ADMIN_EMAIL = 'admin@demo.carnet.fr';
const ADMIN_PASSWORD = 'demo-carnet';
const TIMEOUT_MS = 30_000;
// Passed to each hook and test: Jest ignores testTimeout set inside a project.
const TEST_TIMEOUT_MS = 120_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('admin sign-in', () => {
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!ADMIN_URL) throw new Error('ADMIN_URL is not set: run the browser tests through npm test');
    userDataDir = await mkdtemp(join(tmpdir(), 'carnet-admin-browser-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'fr-FR',
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  /** Runs one step; on failure keeps a screenshot in the temp folder and says where. */
  async function step(name: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      const file = join(tmpdir(), `carnet-admin-${name}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`Step "${name}" failed (screenshot: ${file}): ${String(error)}`, {
        cause: error,
      });
    }
  }

  it(
    'signs in, lists users and signs out',
    async () => {
      await step('open', async () => {
        await page.goto(ADMIN_URL!);
        await page.locator('input[name="username"]').waitFor();
      });

      await step('login', async () => {
        await page.locator('input[name="username"]').fill(ADMIN_EMAIL);
        await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
        await page.locator('button[type="submit"]').click();
        await page.getByText('Bienvenue', { exact: false }).first().waitFor();
      });

      // The access token lives in memory only: a reload renews it from the stored refresh token.
      await step('reload', async () => {
        await page.reload();
        await page.getByText('Bienvenue', { exact: false }).first().waitFor();
      });

      await step('users', async () => {
        await page.getByRole('menuitem', { name: 'Utilisateurs' }).click();
        await page.waitForURL(/\/users/);
        await page.getByRole('cell', { name: ADMIN_EMAIL }).first().waitFor();
      });

      await step('logout', async () => {
        await page.getByRole('button', { name: 'Profil' }).click();
        await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
        await page.locator('input[name="username"]').waitFor();
      });

      // Signing out forgets the session: a reload must not sign back in.
      await step('after-logout', async () => {
        await page.reload();
        await page.locator('input[name="username"]').waitFor();
        expect(await page.evaluate(() => localStorage.getItem('carnet.refreshToken'))).toBeNull();
      });
    },
    TEST_TIMEOUT_MS,
  );
});
