// What every browser test of the admin needs: a fresh headless Chromium (Debian's, driven by
// playwright-core), steps that keep a screenshot when they fail, and signing in and out.
// ADMIN_URL is set by the test harness (npm test), which starts the API and the built admin.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AxeBuilder } from '@axe-core/playwright';
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

/** The API of the stack under test (the admin's preview proxies /api to it). */
export const apiUrl = (): string => `${adminUrl()}/api/v1`;

/** The Authorization header of a demo account, signed in through the API. */
export async function apiAuth(email: string): Promise<Record<string, string>> {
  const login = await fetch(`${apiUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`${email} cannot sign in: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}` };
}

/** A GET on the API, its JSON body; throws unless it succeeded. */
export async function apiGet<T>(path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${apiUrl()}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The database of the stack under test (npm test sets it): for the figures a screen must show,
 * computed from the base tables rather than read from the API the screen uses.
 */
export function stackDatabaseUrl(): string {
  const url = process.env.STACK_DATABASE_URL;
  if (!url)
    throw new Error('STACK_DATABASE_URL is not set: run the browser tests through npm test');
  return url;
}

/** A phone as prescriber agents, référents and venue staff hold it (iPhone 12–15 width). */
export const PHONE = { width: 390, height: 844 } as const;

export async function openAdmin(
  suite: string,
  {
    viewport = { width: 1400, height: 1000 },
    args = [],
  }: {
    viewport?: { width: number; height: number };
    /** More Chromium switches, e.g. a fake camera (see camera.ts). */
    args?: string[];
  } = {},
): Promise<AdminBrowser> {
  const url = adminUrl();
  const userDataDir = await mkdtemp(join(tmpdir(), 'carnet-admin-browser-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...args],
    headless: true,
    locale: 'fr-FR',
    viewport,
    // The admin then shows and hides toasts at once (theme.ts): a scan never reads one half faded.
    reducedMotion: 'reduce',
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
      // On a phone the app bar hides while scrolling down: it shows again at the top.
      await page.evaluate(() => window.scrollTo(0, 0));
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

/** The page is no wider than the window: nothing to scroll sideways to reach. */
export async function expectNoSideScroll(page: Page, screen: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The innermost elements that reach past the window: what to fix.
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) => el.getBoundingClientRect().right > width + 1,
    );
    const innermost = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      culprits: innermost
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`,
        ),
    };
  });
  if (scrollWidth > innerWidth) {
    throw new Error(
      `${screen}: the page is ${scrollWidth} px wide in a ${innerWidth} px window (${new URL(page.url()).hash}): ${culprits.join(', ')}`,
    );
  }
}

/**
 * axe-core on what the page shows now: the WCAG 2.1 A and AA rules, axe's best practices (an
 * outside RGAA scan counts those too) and the check that a control's name contains the text it
 * shows (experimental in axe, so enabled by name). Any serious or critical violation fails, listed
 * with the elements concerned. Then the page's outline: exactly one level-1 heading, with text,
 * and exactly one main landmark (axe rates their absence « moderate » only).
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const lines = blocking.map(
      (v) =>
        `- ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join(' | ')}`,
    );
    throw new Error(`${screen}: accessibility violations\n${lines.join('\n')}`);
  }
  await expectOutline(page, screen);
}

/**
 * One level-1 heading with text and one main landmark, as assistive technologies list them. While
 * a modal dialog is open the page behind it is hidden from them (aria-hidden): nothing to count.
 */
async function expectOutline(page: Page, screen: string): Promise<void> {
  const { modal, headings, mains } = await page.evaluate(() => {
    const shown = (el: Element) =>
      !el.closest('[aria-hidden="true"], [hidden]') && getComputedStyle(el).display !== 'none';
    return {
      modal:
        document.querySelector(
          '[role="dialog"][aria-modal="true"], [role="presentation"].MuiModal-root:not(.MuiModal-hidden)',
        ) !== null,
      headings: [...document.querySelectorAll('h1, [role="heading"][aria-level="1"]')]
        .filter(shown)
        .map((el) => (el.textContent ?? '').trim()),
      mains: [...document.querySelectorAll('main, [role="main"]')].filter(shown).length,
    };
  });
  if (modal) return;
  const problems: string[] = [];
  if (headings.length !== 1) {
    problems.push(`${headings.length} level-1 headings (${headings.join(' | ')}), not one`);
  } else if (headings[0] === '') {
    problems.push('the level-1 heading is empty');
  }
  if (mains !== 1) problems.push(`${mains} main landmarks, not one`);
  if (problems.length > 0) {
    throw new Error(`${screen}: page outline: ${problems.join('; ')}`);
  }
}

/** The menu's links, from the drawer a phone opens with its button; the drawer closed again. */
export async function phoneMenuLinks(page: Page): Promise<string[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
  const menu = page.locator('.MuiDrawer-paper').filter({ hasText: 'Accueil' }).first();
  await menu.getByText('Accueil').waitFor();
  const links = await menu.getByRole('menuitem').allInnerTexts();
  await page.keyboard.press('Escape');
  // Closing gives the focus back to the menu button, whose tooltip would stay on screen.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(200, 600);
  await page.locator('.MuiTooltip-tooltip').waitFor({ state: 'detached' });
  return links.map((text) => text.trim());
}

/** The README's « Prise en main » screenshots: docs/prise-en-main/ at the repository's root. */
export const GUIDE_DIR = fileURLToPath(new URL('../../../docs/prise-en-main/', import.meta.url));
/** A screenshot is committed with the README, and written again by every browser run. */
const GUIDE_MAX_BYTES = 150 * 1024;

/**
 * Saves what the window shows now (not the whole page) as docs/prise-en-main/<name>.jpg, a
 * screenshot of the README's « Prise en main »: JPEG of quality 70, no text caret. Fails when the
 * file is over 150 KB, which the repository would carry in every version.
 */
export async function guideScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(GUIDE_DIR, { recursive: true });
  const file = join(GUIDE_DIR, `${name}.jpg`);
  await page.screenshot({ path: file, type: 'jpeg', quality: 70, caret: 'hide' });
  const { size } = await stat(file);
  if (size > GUIDE_MAX_BYTES) {
    throw new Error(`${file}: ${Math.round(size / 1024)} KB, more than 150 KB`);
  }
  return file;
}
