// A month's reimbursement batch, on the full demo data. A finance officer (finance@) creates the
// batch of a finished month whose redemptions no batch took yet (chosen from the API: the demo may
// hold batches of its own), follows its generation, and finds « Approuver » disabled with the
// four-eyes reason; a second officer (finance2@) approves it, and may then export it. Last, the
// mediator of the Médiathèque Robert Cousin (mediateur@) finds the month in « Mes relevés » on a
// 390 px phone, her venue's line to pay. Each screen: axe-core finds no serious or critical
// violation. (Export, downloads and payments join this scenario when their routes are in the API.)
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import type { Page } from 'playwright-core';

import {
  type AdminBrowser,
  adminUrl,
  DEMO_PASSWORD,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  phoneMenuLinks,
  TEST_TIMEOUT_MS,
} from './browser.js';

const FINANCE_EMAIL = 'finance@demo.carnet.fr';
const SECOND_FINANCE_EMAIL = 'finance2@demo.carnet.fr';
const MEDIATOR_EMAIL = 'mediateur@demo.carnet.fr';
const MEDIATOR_VENUE = 'Médiathèque Robert Cousin';
const FOUR_EYES = "Vous avez créé ce lot : un second agent financier doit l'approuver.";
/** Generation and export run in the worker: allow them time on a loaded machine. */
const JOB_MS = 120_000;

const api = () => `${adminUrl()}/api/v1`;

async function signIn(email: string): Promise<Record<string, string>> {
  const login = await fetch(`${api()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`${email} cannot sign in: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}` };
}

async function get<T>(path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${api()}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface Redemption {
  status: string;
  period: string;
  programmeId: string;
  reimbursementBatchId: string | null;
}

/** This month in France (YYYY-MM), as the API files redemptions. */
const thisMonth = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7);

const shiftMonth = (period: string, months: number): string => {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** « octobre 2026 », as the screens write a period. */
const frenchMonth = (period: string): string =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' }).format(
    new Date(`${period}-01T12:00:00`),
  );

/**
 * The batch to create: the newest finished month of the mediator's programme that has no batch
 * yet and takes some of her redemptions no batch paid (made before the month's end), so that
 * her statement comes out of it.
 */
async function batchToCreate(): Promise<{
  programmeId: string;
  programmeName: string;
  period: string;
}> {
  const mediator = await signIn(MEDIATOR_EMAIL);
  const [venue] = (await get<{ data: { id: string }[] }>('/venues', mediator)).data;
  const free: Redemption[] = [];
  let cursor = '';
  do {
    const page = await get<{ data: Redemption[]; meta: { nextCursor: string | null } }>(
      `/redemptions?filter[venueId]=${venue.id}&filter[status]=ACTIVE&pageSize=200${cursor ? `&cursor=${cursor}` : ''}`,
      mediator,
    );
    free.push(...page.data.filter((r) => r.reimbursementBatchId === null));
    cursor = page.meta.nextCursor ?? '';
  } while (cursor);
  const programmeId = free[0]?.programmeId;
  if (!programmeId) throw new Error('the mediator has no redemption left for a batch');
  const finance = await signIn(FINANCE_EMAIL);
  const programme = await get<{ name: string }>(`/programmes/${programmeId}`, finance);
  const batches = await get<{ data: { period: string }[] }>(
    `/reimbursement-batches?filter[programmeId]=${programmeId}&pageSize=100`,
    finance,
  );
  const newestTaken =
    batches.data
      .map((b) => b.period)
      .sort()
      .at(-1) ?? '';
  for (let period = shiftMonth(thisMonth(), -1); period > newestTaken;) {
    if (free.some((r) => r.programmeId === programmeId && r.period <= period)) {
      return { programmeId, programmeName: programme.name, period };
    }
    period = shiftMonth(period, -1);
  }
  throw new Error(`no finished month after ${newestTaken} pays the mediator's redemptions`);
}

describe('reimbursement batches', () => {
  let browser: AdminBrowser;
  let batchUrl = '';
  let period = '';

  beforeAll(async () => {
    browser = await openAdmin('reimbursements');
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  const statusChip = (page: Page) => page.getByTestId('batch-status');

  it(
    'a finance officer creates a batch; it waits for a second one to approve it',
    async () => {
      const { page } = browser;
      const target = await batchToCreate();
      period = target.period;
      await browser.step('login', () => browser.login(FINANCE_EMAIL));
      await browser.step('list', async () => {
        await page.getByRole('menuitem', { name: 'Remboursements' }).click();
        await page.waitForURL(/\/reimbursement-batches/);
        await page.getByRole('link', { name: 'Créer un lot' }).waitFor();
        await expectAccessible(page, 'batch list');
      });
      await browser.step('create', async () => {
        await page.getByRole('link', { name: 'Créer un lot' }).click();
        await page.getByRole('heading', { name: 'Créer un lot', level: 2 }).waitFor();
        await page.getByRole('combobox', { name: /^Programme/ }).click();
        await page.getByRole('option', { name: target.programmeName, exact: true }).click();
        await page.getByRole('combobox', { name: /^Mois/ }).click();
        // Only finished months are offered: this one is not.
        await page.getByRole('option', { name: frenchMonth(period), exact: true }).waitFor();
        expect(await page.getByRole('option', { name: frenchMonth(thisMonth()) }).count()).toBe(0);
        await expectAccessible(page, 'batch creation (months)');
        await page.getByRole('option', { name: frenchMonth(period), exact: true }).click();
        await expectAccessible(page, 'batch creation');
        await page.getByRole('button', { name: 'Créer le lot' }).click();
        await page.waitForURL(/\/reimbursement-batches\/[^/]+\/show/);
        batchUrl = page.url();
      });
      await browser.step('generated', async () => {
        await page
          .getByRole('heading', { name: `Remboursement de ${frenchMonth(period)}`, level: 1 })
          .waitFor();
        await statusChip(page).filter({ hasText: 'À approuver' }).waitFor({ timeout: JOB_MS });
        await page.getByTestId('batch-line').first().waitFor();
        await page
          .getByTestId('batch-line')
          .filter({ hasText: MEDIATOR_VENUE })
          .getByText('À payer')
          .waitFor();
        await page.getByTestId('batch-funder').first().waitFor();
        await expectAccessible(page, 'batch page (draft)');
      });
      await browser.step('four eyes', async () => {
        await expect(page.getByRole('button', { name: 'Approuver' }).isDisabled()).resolves.toBe(
          true,
        );
        await page.getByTestId('approve-refusal').filter({ hasText: FOUR_EYES }).waitFor();
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a second finance officer approves it',
    async () => {
      const { page } = browser;
      expect(batchUrl).not.toBe('');
      await browser.step('login', () => browser.login(SECOND_FINANCE_EMAIL));
      await browser.step('approve', async () => {
        await page.goto(batchUrl);
        await statusChip(page).filter({ hasText: 'À approuver' }).waitFor();
        await page.getByRole('button', { name: 'Approuver' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('Une fois approuvé, le lot ne change plus').waitFor();
        await expectAccessible(page, 'approval dialog');
        await dialog.getByRole('button', { name: 'Approuver le lot' }).click();
        await statusChip(page).filter({ hasText: 'Approuvé' }).waitFor();
        await page.getByText('Approuvé par Thomas Morel', { exact: false }).waitFor();
      });
      await browser.step('exportable', async () => {
        await page.getByRole('button', { name: 'Exporter' }).waitFor();
        await expectAccessible(page, 'batch page (approved)');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the venue's staff finds the month in « Mes relevés » on a phone",
    async () => {
      const { page } = browser;
      expect(period).not.toBe('');
      await page.setViewportSize(PHONE);
      await browser.step('login', () => browser.login(MEDIATOR_EMAIL));
      await browser.step('menu', async () => {
        expect(await phoneMenuLinks(page)).toContain('Mes relevés');
      });
      await browser.step('statements', async () => {
        await page.goto(`${adminUrl()}/#/releves`);
        const statement = page.getByTestId('statement').filter({ hasText: frenchMonth(period) });
        await statement.getByTestId('statement-status').getByText('À payer').waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectNoSideScroll(page, 'statements');
        await expectAccessible(page, 'statements');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
