// Every screen as each role of the demo meets it: each menu entry, the first record of each list
// (its show or edit page) and every tab of that page, scanned with axe-core (expectAccessible: no
// serious or critical violation, one level-1 heading, one main landmark) with nothing to scroll
// sideways at 1366 px, and at 390 px for the roles that work on a phone. Also the login page and
// the accessibility statement, open without signing in.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import type { Page } from 'playwright-core';

import {
  adminUrl,
  type AdminBrowser,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
} from './browser.js';

const DESKTOP = { width: 1366, height: 900 } as const;
/** A role visits a dozen screens and as many tabs, each scanned. */
const ROLE_TIMEOUT_MS = 3 * TEST_TIMEOUT_MS;

const ROLES: readonly { email: string; role: string; phone: boolean }[] = [
  { email: 'admin@demo.carnet.fr', role: 'administrateur', phone: false },
  { email: 'manager@demo.carnet.fr', role: 'gestionnaire', phone: false },
  { email: 'finance@demo.carnet.fr', role: 'agent financier', phone: false },
  { email: 'funder@demo.carnet.fr', role: 'financeur', phone: false },
  { email: 'commune@demo.carnet.fr', role: 'référent communal', phone: true },
  { email: 'prescriber@demo.carnet.fr', role: 'agent prescripteur', phone: true },
  { email: 'mediateur@demo.carnet.fr', role: 'personnel de lieu', phone: true },
];

/**
 * Until nothing loads any more (no spinner, no pending request), within a few seconds: a running
 * issuance keeps asking for its progress, so the network is never idle for long.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        ![...document.querySelectorAll('.MuiCircularProgress-root, .MuiSkeleton-root')].some(
          (el) => (el as HTMLElement).offsetParent !== null,
        ),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

describe('accessibility of every screen', () => {
  let browser: AdminBrowser;

  beforeAll(async () => {
    browser = await openAdmin('accessibility', { viewport: DESKTOP });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  /** Scans the page at 1366 px, then at 390 px when asked; returns what failed, if anything. */
  async function check(screen: string, phone: boolean): Promise<string[]> {
    const { page } = browser;
    const problems: string[] = [];
    const sizes = phone ? [DESKTOP, PHONE] : [DESKTOP];
    for (const size of sizes) {
      await page.setViewportSize(size);
      // The window has its new width and React has drawn for it (lists become cards below 600 px).
      await page.waitForFunction((width) => window.innerWidth === width, size.width);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      await settle(page);
      const name = `${screen} (${size.width} px)`;
      for (const expectation of [expectNoSideScroll, expectAccessible]) {
        try {
          await expectation(page, name);
        } catch (error) {
          const problem = error instanceof Error ? error.message : String(error);
          // At once, so that a long run that times out still tells what it found.
          console.warn(problem);
          problems.push(problem);
        }
      }
    }
    await page.setViewportSize(DESKTOP);
    return problems;
  }

  it(
    'shows the login page and the accessibility statement to anyone',
    async () => {
      const { page } = browser;
      const problems: string[] = [];
      await browser.step('login page', async () => {
        await page.goto(adminUrl());
        await page.locator('input[name="username"]').waitFor();
        problems.push(...(await check('login page', true)));
      });
      await browser.step('statement', async () => {
        await page.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
        await page
          .getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" })
          .waitFor();
        await page.getByText('partiellement conforme avec le référentiel').waitFor();
        await page.getByText('Défenseur des droits', { exact: false }).first().waitFor();
        expect(await page.getByTestId('accessibility-email').getAttribute('href')).toMatch(
          /^mailto:.+@.+/,
        );
        problems.push(...(await check('accessibility statement', true)));
      });
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  for (const { email, role, phone } of ROLES) {
    it(
      `has no accessibility violation for a ${role}`,
      async () => {
        const { page } = browser;
        const problems: string[] = [];
        await browser.step(`${role}: login`, async () => {
          // From a fresh start, whatever a failed role before left: no session, no stored sidebar.
          await page.goto(adminUrl());
          await page.evaluate(() => {
            localStorage.clear();
            sessionStorage.clear();
          });
          await page.context().clearCookies();
          await browser.login(email);
        });
        problems.push(...(await check(`${role}: home`, phone)));

        // The menu's own pages (the queues board opens another application in a new tab), once
        // the sidebar is back at desktop width.
        const links = page.locator('.RaSidebar-fixed a[role="menuitem"]');
        await links.first().waitFor();
        const entries = await links.evaluateAll((links) =>
          links
            .filter((link) => link.getAttribute('target') !== '_blank')
            .map((link) => ({
              text: (link.textContent ?? '').trim(),
              href: (link as HTMLAnchorElement).href,
            })),
        );
        expect(entries.map((entry) => entry.text)).toContain(
          'Accessibilité : partiellement conforme',
        );

        for (const entry of entries.filter((e) => e.text !== 'Accueil')) {
          await browser.step(`${role}: ${entry.text}`, async () => {
            await page.goto(entry.href);
            await settle(page);
            problems.push(...(await check(`${role}: ${entry.text}`, phone)));

            // A list: its first record's page, and each tab of that page.
            const firstRow = page.locator('.RaDataTable-tbody .RaDataTable-clickableRow').first();
            if (!(await firstRow.isVisible())) return;
            const listUrl = page.url();
            await firstRow.locator('td.RaDataTable-rowCell').last().click();
            await page.waitForURL((url) => url.toString() !== listUrl).catch(() => undefined);
            if (page.url() === listUrl) return;
            await settle(page);
            const record = `${role}: ${entry.text}, first record`;
            problems.push(...(await check(record, phone)));
            const tabs = await page.getByRole('tab').allInnerTexts();
            for (const [index, tab] of tabs.entries()) {
              if (index === 0) continue;
              await page.getByRole('tab').nth(index).click();
              problems.push(...(await check(`${record}, tab ${tab.trim()}`, phone)));
            }
          });
        }
        await browser.step(`${role}: logout`, async () => {
          await page.goto(adminUrl());
          await page.getByText('Bienvenue', { exact: false }).first().waitFor();
          await browser.logout();
        });
        expect(problems).toEqual([]);
      },
      ROLE_TIMEOUT_MS,
    );
  }
});
