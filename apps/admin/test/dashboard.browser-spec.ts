// The reporting dashboards, on the full demo data. A programme manager (manager@) opens
// « Tableau de bord » from the menu, brings the figures up to date with « Mettre à jour », and
// finds the scenario's figures: each one computed here by SQL on the base tables (carnets and
// their custody, cheques, redemptions, reimbursement lines), never read from the reports API the
// page uses; then exports a report as CSV (UTF-8 with its BOM) and as Excel. A funder (funder@)
// sees the programme it funds; the référent of Lens (commune@) its commune's figures on a 390 px
// phone; the mediator of the Médiathèque Robert Cousin (mediateur@) « Mes chiffres » on a phone.
// Every screen: axe-core finds no serious or critical violation; phones: nothing scrolls sideways.
// Needs ADMIN_URL and STACK_DATABASE_URL: the test harness starts the stack and sets both.
import { readFile } from 'node:fs/promises';

import pg from 'pg';
import type { Locator, Page } from 'playwright-core';

import {
  type AdminBrowser,
  adminUrl,
  DEMO_PASSWORD,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  phoneMenuLinks,
  stackDatabaseUrl,
  TEST_TIMEOUT_MS,
} from './browser.js';

const MANAGER_EMAIL = 'manager@demo.carnet.fr';
const FUNDER_EMAIL = 'funder@demo.carnet.fr';
const REFERENT_EMAIL = 'commune@demo.carnet.fr';
const MEDIATOR_EMAIL = 'mediateur@demo.carnet.fr';
const LENS = '62498';
const MEDIATOR_VENUE = 'Médiathèque Robert Cousin';
/** The refresh runs in the worker: allow it time on a loaded machine. */
const REFRESH_MS = 120_000;
const WAIT_MS = 30_000;

// The screens' French formats, to write the expected figures as a French reader sees them.
const count = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const percent = (ratio: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
/** Spaces differ between formats (narrow no-break, no-break): compared without them. */
const squeeze = (text: string) => text.replace(/\s/g, '');

/** Waits until the element's text reads `expected` (the figures reload after a refresh). */
async function expectText(locator: Locator, expected: string, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout: WAIT_MS })) ?? '';
    if (squeeze(last) === squeeze(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: shows « ${last} », expected « ${expected} »`);
}

/** Clicks and waits for the download it starts: the file's name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** The figures the dashboards must show, from the base tables. */
class Scenario {
  constructor(private readonly db: pg.Client) {}

  private async one<T>(sql: string, params: unknown[]): Promise<T> {
    const { rows } = await this.db.query<Record<string, unknown>>(sql, params);
    return rows[0] as T;
  }

  async programmeNamed(name: string): Promise<{ id: string; budgetCents: number }> {
    const row = await this.one<{ id: string; budget_cents: string }>(
      'SELECT id, budget_cents FROM programme WHERE name = $1',
      [name],
    );
    if (!row) throw new Error(`no programme named ${name}`);
    return { id: row.id, budgetCents: Number(row.budget_cents) };
  }

  /**
   * Carnets handed out (their holder, or last holder when cancelled, is a beneficiary), the
   * households they reached, their cheques and those used; for one commune of residence, or all.
   */
  async handOuts(programmeId: string, inseeCode: string | null = null) {
    const row = await this.one<Record<string, string>>(
      `WITH handed AS (
         SELECT c.id, h.beneficiary_id
           FROM carnet c
           JOIN custody_holder h ON h.id = coalesce(c.holder_id, c.last_holder_id)
           JOIN beneficiary b ON b.id = h.beneficiary_id
          WHERE c.programme_id = $1 AND h.kind = 'BENEFICIARY'
            AND ($2::text IS NULL OR b.insee_code = $2))
       SELECT (SELECT count(*) FROM handed) AS carnets,
              (SELECT count(DISTINCT beneficiary_id) FROM handed) AS households,
              (SELECT count(*) FROM cheque q JOIN handed ON handed.id = q.carnet_id) AS cheques,
              (SELECT count(*) FROM cheque q JOIN handed ON handed.id = q.carnet_id
                WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')) AS used`,
      [programmeId, inseeCode],
    );
    return {
      carnets: Number(row.carnets),
      households: Number(row.households),
      cheques: Number(row.cheques),
      used: Number(row.used),
    };
  }

  /** The programme's money: committed, used (redeemed), paid to venues. */
  async money(programmeId: string) {
    const row = await this.one<Record<string, string>>(
      `SELECT
         (SELECT coalesce(sum(face_value_cents), 0) FROM cheque
           WHERE programme_id = $1 AND status NOT IN ('CANCELLED', 'EXPIRED')) AS committed,
         (SELECT coalesce(sum(face_value_cents), 0) FROM cheque
           WHERE programme_id = $1 AND status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')) AS used,
         (SELECT coalesce(sum(l.amount_cents), 0) FROM reimbursement_line l
            JOIN reimbursement_batch b ON b.id = l.batch_id
           WHERE b.programme_id = $1 AND l.status = 'PAID') AS paid`,
      [programmeId],
    );
    return { committed: Number(row.committed), used: Number(row.used), paid: Number(row.paid) };
  }

  /** Active redemptions (all venues, or one): sessions, cheques, amount. */
  async redemptions(programmeId: string, venueName: string | null = null) {
    const row = await this.one<Record<string, string>>(
      `SELECT count(*) AS sessions, coalesce(sum(r.cheque_count), 0) AS cheques,
              coalesce(sum(r.amount_cents), 0) AS cents
         FROM redemption r JOIN venue v ON v.id = r.venue_id
        WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND ($2::text IS NULL OR v.name = $2)`,
      [programmeId, venueName],
    );
    return {
      sessions: Number(row.sessions),
      cheques: Number(row.cheques),
      cents: Number(row.cents),
    };
  }
}

/**
 * Brings the reporting store up to date through the API, as a programme manager would with
 * « Mettre à jour », and waits until the worker is done: the figures then reflect the demo as
 * seeded and as the browser tests before this one left it.
 */
async function refreshReports(): Promise<void> {
  const api = `${adminUrl()}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: MANAGER_EMAIL, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const before = (await (await fetch(`${api}/reports/status`, { headers })).json()) as {
    asOf: string | null;
  };
  const asked = await fetch(`${api}/reports/refresh`, { method: 'POST', headers });
  if (asked.status !== 202) throw new Error(`POST /reports/refresh: ${asked.status}`);
  const deadline = Date.now() + REFRESH_MS;
  while (Date.now() < deadline) {
    const status = (await (await fetch(`${api}/reports/status`, { headers })).json()) as {
      asOf: string | null;
      refreshing: boolean;
    };
    if (!status.refreshing && status.asOf !== null && status.asOf !== before.asOf) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the reports were not refreshed in time');
}

describe('reporting dashboards', () => {
  let browser: AdminBrowser;
  let db: pg.Client;
  let scenario: Scenario;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: stackDatabaseUrl() });
    await db.connect();
    scenario = new Scenario(db);
    await refreshReports();
    browser = await openAdmin('dashboard');
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  }, TEST_TIMEOUT_MS);

  /** The programme the dashboard shows, by the name in its scope line. */
  async function shownProgramme(page: Page) {
    const scope = (await page.getByTestId('report-scope').textContent()) ?? '';
    return scenario.programmeNamed(scope.split(' — ')[0]);
  }

  /** Opens every « Voir le tableau » of the page. */
  async function openTables(page: Page): Promise<void> {
    const show = page.getByRole('button', { name: 'Voir le tableau' });
    while ((await show.count()) > 0) await show.first().click();
  }

  async function loaded(page: Page): Promise<void> {
    await page
      .getByTestId('kpi-handed-out-value')
      .or(page.getByTestId('venue-cheques'))
      .first()
      .waitFor();
    await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
  }

  it(
    "shows a programme manager the scenario's figures, brought up to date, and exports them",
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(MANAGER_EMAIL));
      await browser.step('home', async () => {
        // The home shows the current programme's key figures and the way to the dashboard.
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await page.getByRole('link', { name: 'Ouvrir le tableau de bord' }).waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectAccessible(page, 'manager home');
      });
      await browser.step('dashboard from the menu', async () => {
        await page.getByRole('menuitem', { name: 'Tableau de bord' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        await loaded(page);
      });
      await browser.step('refresh', async () => {
        await page.getByRole('button', { name: 'Mettre à jour' }).click();
        await page.getByText('Chiffres mis à jour.').waitFor({ timeout: REFRESH_MS });
        await page
          .getByTestId('report-as-of')
          .getByText(/^Données au \d+ \S+ \d{4}/)
          .waitFor();
      });
      const programme = await shownProgramme(page);
      await browser.step('key figures', async () => {
        const handOuts = await scenario.handOuts(programme.id);
        const money = await scenario.money(programme.id);
        // The demo hands carnets out and spends cheques: figures that could not be zero.
        expect(handOuts.carnets).toBeGreaterThan(0);
        expect(handOuts.used).toBeGreaterThan(0);
        const kpi = (id: string) => page.getByTestId(`kpi-${id}-value`);
        await expectText(kpi('handed-out'), count(handOuts.carnets), 'carnets remis');
        await expectText(kpi('households'), count(handOuts.households), 'foyers touchés');
        await expectText(kpi('used'), count(handOuts.used), 'chèques utilisés');
        // The contract gives the rate with four decimals; the screen, as a percentage.
        const rate = Math.round((handOuts.used / handOuts.cheques) * 10_000) / 10_000;
        await expectText(kpi('rate'), percent(rate), "taux d'utilisation");
        await expectText(kpi('committed'), euros(money.committed), 'montant engagé');
        await expectText(kpi('redeemed'), euros(money.used), 'montant utilisé');
        await expectText(kpi('paid'), euros(money.paid), 'montant payé');
        await expectText(
          kpi('remaining'),
          euros(programme.budgetCents - money.committed),
          'budget restant',
        );
      });
      await browser.step('tables', async () => {
        await openTables(page);
        const redemptions = await scenario.redemptions(programme.id);
        const months = page.getByTestId('table-timeseries').locator('[data-row="total"]');
        await expectText(
          months.locator('[data-column="usedCheques"]'),
          count(redemptions.cheques),
          'chèques utilisés, total des mois',
        );
        await expectText(
          months.locator('[data-column="redemptions"]'),
          count(redemptions.sessions),
          'accompagnements, total des mois',
        );
        await expectText(
          months.locator('[data-column="amount"]'),
          euros(redemptions.cents),
          'montant utilisé, total des mois',
        );
        const lens = await scenario.handOuts(programme.id, LENS);
        expect(lens.carnets).toBeGreaterThan(0);
        const lensRow = page.getByTestId('table-communes').locator(`[data-row="${LENS}"]`);
        await expectText(lensRow.locator('[data-column="handedOut"]'), count(lens.carnets), 'Lens');
        await expectText(
          lensRow.locator('[data-column="usedCheques"]'),
          count(lens.used),
          'Lens, chèques utilisés',
        );
        const money = await scenario.money(programme.id);
        await expectText(
          page.getByTestId('table-funders').locator('[data-row="total"] [data-column="committed"]'),
          euros(money.committed),
          'engagé, total des financeurs',
        );
        await page.getByTestId('commune-map').waitFor();
        await page.getByTestId('commune-map-legend').getByText('Carnets remis :').waitFor();
        await expectAccessible(page, 'manager dashboard, tables open');
      });
      await browser.step('exports', async () => {
        const csv = await downloaded(page, () => page.getByTestId('export-by-commune-csv').click());
        expect(csv.name).toMatch(/^by-commune-.+\.csv$/);
        // UTF-8's byte order mark first, so that Excel reads the accents; then French headers.
        expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const header = csv.bytes.subarray(3).toString('utf8').split('\r\n')[0];
        expect(header).toContain('Commune');
        expect(header).toContain(';');
        const xlsx = await downloaded(page, () =>
          page.getByTestId('export-summary-xlsx').first().click(),
        );
        expect(xlsx.name).toMatch(/^summary-.+\.xlsx$/);
        // An XLSX file is a ZIP archive.
        expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a funder the programme it funds, with the money per funder',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(FUNDER_EMAIL));
      await browser.step('home', async () => {
        await page.getByTestId('kpi-handed-out-value').waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectAccessible(page, 'funder home');
      });
      await browser.step('dashboard', async () => {
        await page.getByRole('link', { name: 'Ouvrir le tableau de bord' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        await loaded(page);
        await page
          .getByTestId('report-scope')
          .getByText(/— tout le programme$/)
          .waitFor();
        const programme = await shownProgramme(page);
        const handOuts = await scenario.handOuts(programme.id);
        await expectText(
          page.getByTestId('kpi-handed-out-value'),
          count(handOuts.carnets),
          'carnets remis',
        );
        await page.getByTestId('report-funders').waitFor();
        // Only the programme owner's staff bring the figures up to date.
        expect(await page.getByRole('button', { name: 'Mettre à jour' }).count()).toBe(0);
        await expectAccessible(page, 'funder dashboard');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows a référent its commune's figures on a phone",
    async () => {
      const { page } = browser;
      await page.setViewportSize(PHONE);
      await browser.step('login', () => browser.login(REFERENT_EMAIL));
      await browser.step('home', async () => {
        await page.getByRole('heading', { name: 'Commune de Lens' }).waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectNoSideScroll(page, 'référent home');
        await expectAccessible(page, 'référent home');
      });
      await browser.step('menu', async () => {
        expect(await phoneMenuLinks(page)).toContain('Tableau de bord');
      });
      await browser.step('dashboard from the home', async () => {
        await page.getByRole('link', { name: 'Ouvrir le tableau de bord' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
        await loaded(page);
        await page
          .getByTestId('report-scope')
          .getByText(/— commune de Lens$/)
          .waitFor();
        const programme = await shownProgramme(page);
        const lens = await scenario.handOuts(programme.id, LENS);
        await expectText(
          page.getByTestId('kpi-handed-out-value'),
          count(lens.carnets),
          'carnets remis aux habitants de Lens',
        );
        await expectText(page.getByTestId('kpi-used-value'), count(lens.used), 'chèques utilisés');
        // The programme's money and its funders are not the commune's.
        expect(await page.getByTestId('kpi-committed').count()).toBe(0);
        expect(await page.getByTestId('report-funders').count()).toBe(0);
        await expectNoSideScroll(page, 'référent dashboard');
        await expectAccessible(page, 'référent dashboard');
      });
      await browser.step('tables', async () => {
        await openTables(page);
        await page.getByTestId('table-timeseries').waitFor();
        await expectNoSideScroll(page, 'référent dashboard, tables open');
        await expectAccessible(page, 'référent dashboard, tables open');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '« Mes chiffres » shows a venue its own figures on a phone',
    async () => {
      const { page } = browser;
      await page.setViewportSize(PHONE);
      await browser.step('login', () => browser.login(MEDIATOR_EMAIL));
      await browser.step('home', async () => {
        await page.getByRole('heading', { name: MEDIATOR_VENUE }).waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectNoSideScroll(page, 'venue home');
        await expectAccessible(page, 'venue home');
      });
      await browser.step('menu', async () => {
        expect(await phoneMenuLinks(page)).toContain('Mes chiffres');
      });
      await browser.step('figures from the home', async () => {
        await page.getByRole('link', { name: 'Mes chiffres' }).first().click();
        await page.getByRole('heading', { level: 1, name: 'Mes chiffres' }).waitFor();
        await loaded(page);
        await page.getByTestId('report-scope').getByText(MEDIATOR_VENUE).waitFor();
        // The programme shown (the first of those the venue redeemed cheques of).
        const programme = await scenario.programmeNamed(
          (await page.getByTestId('venue-programme-figures').getAttribute('data-programme')) ?? '',
        );
        const mine = await scenario.redemptions(programme.id, MEDIATOR_VENUE);
        expect(mine.sessions).toBeGreaterThan(0);
        await expectText(
          page.getByTestId('venue-redemptions-value'),
          count(mine.sessions),
          'accompagnements',
        );
        await expectText(page.getByTestId('venue-cheques-value'), count(mine.cheques), 'chèques');
        await expectText(page.getByTestId('venue-amount-value'), euros(mine.cents), 'montant');
        await expectNoSideScroll(page, 'venue figures');
        await expectAccessible(page, 'venue figures');
      });
      await browser.step('tables', async () => {
        await openTables(page);
        await page.getByTestId('table-services').waitFor();
        await expectNoSideScroll(page, 'venue figures, tables open');
        await expectAccessible(page, 'venue figures, tables open');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );
});
