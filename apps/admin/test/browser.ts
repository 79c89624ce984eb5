// What every browser test of the admin needs: a fresh headless Chromium (Debian's, driven by
// playwright-core), steps that keep a screenshot when they fail, and signing in and out.
// ADMIN_URL is set by the test harness (npm test), which starts the API and the built admin.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo-carnet';
/** Per hook and test: Jest ignores a testTimeout set inside a project. */
export const TEST_TIMEOUT_MS = 240_000;
const WAIT_MS = 30_000;

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

export interface AdminBrowser {
  page: Page;
  /** Runs one step; on failure keeps a full-page screenshot in the temp folder and says where. */
  step(name: string, run: () => Promise<void>): Promise<void>;
  login(email: string, password?: string): Promise<void>;
  logout(): Promise<void>;
  close(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.ADMIN_URL;
  if (!url) throw new Error('ADMIN_URL is not set: run the browser tests through npm test');
  return url;
}

export async function openAdmin(suite: string): Promise<AdminBrowser> {
  const url = adminUrl();
  const userDataDir = await mkdtemp(join(tmpdir(), 'carnet-admin-browser-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'fr-FR',
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    page,
    async step(name, run) {
      try {
        await run();
      } catch (error) {
        const file = join(tmpdir(), `carnet-admin-${suite}-${name}-${Date.now()}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        throw new Error(`Step "${name}" failed (screenshot: ${file}): ${String(error)}`, {
          cause: error,
        });
      }
    },
    async login(email, password = DEMO_PASSWORD) {
      await page.goto(url);
      await page.locator('input[name="username"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('button[type="submit"]').click();
      await page.getByText('Bienvenue', { exact: false }).first().waitFor();
    },
    async logout() {
      await page.getByRole('button', { name: 'Profil' }).click();
      await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
      await page.locator('input[name="username"]').waitFor();
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
