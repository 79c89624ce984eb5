// The public page « Où utiliser mon Pass numérique ? », as a beneficiary opens it on a 390 px phone
// from the address printed on the carnet: no login, /lieux as typed, filters by commune and by
// need. The venues each state must list are computed here by SQL on the base tables (qualified
// venues serving the programme, offering a service it pays for), never read from the API the page
// uses. Every state: axe-core finds no serious or critical violation, nothing scrolls sideways.
// The page must not download the admin (react-admin, MUI): the JavaScript it loads is measured.
// Needs ADMIN_URL and STACK_DATABASE_URL: the test harness starts the stack and sets both.
import pg from 'pg';
import type { Page } from 'playwright-core';

import {
  type AdminBrowser,
  adminUrl,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  stackDatabaseUrl,
  TEST_TIMEOUT_MS,
} from './browser.js';

const french = new Intl.Collator('fr');
const sorted = (names: string[]) => [...names].sort(french.compare);

describe('public page « Où utiliser mon Pass numérique ? »', () => {
  let browser: AdminBrowser;
  let db: pg.Client;
  let programmeId: string;
  /** JavaScript files the page downloaded, with their size (decoded). */
  const scripts = new Map<string, number>();

  /** The venue names the page must list for these filters, from the base tables. */
  const expected = async (commune: string | null, need: string | null): Promise<string[]> => {
    const { rows } = await db.query<{ name: string }>(
      `SELECT v.name FROM venue v JOIN programme p ON p.id = $1
       WHERE v.qualification_status = 'QUALIFIED'
         AND v.services && p.payable_services
         AND EXISTS (SELECT 1 FROM enrolment e WHERE e.programme_id = p.id
                       AND (e.insee_code = v.insee_code OR e.insee_code = ANY(v.served_insee_codes)))
         AND ($2::text IS NULL OR v.insee_code = $2 OR $2 = ANY(v.served_insee_codes))
         AND ($3::text IS NULL OR ($3 = ANY(v.services) AND $3 = ANY(p.payable_services)))`,
      [programmeId, commune, need],
    );
    return sorted(rows.map((r) => r.name));
  };

  const shown = async (page: Page): Promise<string[]> =>
    sorted(
      await page.getByTestId('public-venue').getByRole('heading', { level: 2 }).allInnerTexts(),
    );

  /** Waits for the list of these venues (or the empty-state sentence), then checks the screen. */
  const expectVenues = async (page: Page, names: string[], screen: string) => {
    await page
      .getByRole('status')
      .getByText(
        names.length === 0 ? /Aucun lieu ne correspond/ : new RegExp(`^${names.length} lieu`),
      )
      .waitFor();
    expect(await shown(page)).toEqual(names);
    await expectNoSideScroll(page, screen);
    await expectAccessible(page, screen);
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: stackDatabaseUrl() });
    await db.connect();
    const active = await db.query<{ id: string }>(
      `SELECT id FROM programme WHERE status = 'ACTIVE' ORDER BY name, id`,
    );
    expect(active.rows).toHaveLength(1);
    programmeId = active.rows[0].id;
    browser = await openAdmin('public-venues', { viewport: PHONE });
    browser.page.on('response', (response) => {
      const url = response.url();
      if (!/\.js(\?|$)/.test(url)) return;
      void response
        .body()
        .then((body) => scripts.set(new URL(url).pathname, body.length))
        .catch(() => undefined);
    });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  }, TEST_TIMEOUT_MS);

  it(
    'opens from /lieux without login on a phone, and filters by commune and by need',
    async () => {
      const { page } = browser;

      // The short address printed on carnets, typed as is: the only active programme's page.
      await browser.step('short-address', async () => {
        await page.goto(`${adminUrl()}/lieux`);
        await page.waitForURL(new RegExp(`/#/lieux/${programmeId}$`));
        await page
          .getByRole('heading', { level: 1, name: 'Où utiliser mon Pass numérique ?' })
          .waitFor();
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        expect(await page.getByRole('main').count()).toBe(1);
        expect(await page.locator('input[name="password"]').count()).toBe(0);
        await expectVenues(page, await expected(null, null), 'all venues');
        // Each phone number is a tel: link.
        const phones = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM venue WHERE name = ANY($1) AND phone IS NOT NULL`,
          [await expected(null, null)],
        );
        expect(phones.rows[0].n).toBeGreaterThan(0);
        expect(await page.locator('[data-testid="public-venue"] a[href^="tel:"]').count()).toBe(
          phones.rows[0].n,
        );
      });

      // The enrolled commune with the most venues, unless one commune holds them all.
      const communes = await db.query<{ inseeCode: string; name: string }>(
        `SELECT c.insee_code AS "inseeCode", c.name FROM enrolment e
         JOIN commune c ON c.insee_code = e.insee_code WHERE e.programme_id = $1`,
        [programmeId],
      );
      const counts = await Promise.all(
        communes.rows.map(async (c) => ({ ...c, venues: await expected(c.inseeCode, null) })),
      );
      const total = (await expected(null, null)).length;
      const busiest = counts
        .filter((c) => c.venues.length > 0 && c.venues.length < total)
        .sort((a, b) => b.venues.length - a.venues.length)[0];
      const empty = counts.find((c) => c.venues.length === 0);
      expect(busiest).toBeDefined();
      expect(empty).toBeDefined();

      await browser.step('by-commune', async () => {
        await page.getByLabel('Votre commune').selectOption({ label: busiest.name });
        await expectVenues(page, busiest.venues, `commune ${busiest.name}`);
        // The filter is in the address: a reload (or a shared link) keeps it.
        expect(page.url()).toContain(`commune=${busiest.inseeCode}`);
      });

      // A service the programme pays for that narrows the commune's list, if one does.
      const payable = await db.query<{ services: string[] }>(
        'SELECT payable_services AS services FROM programme WHERE id = $1',
        [programmeId],
      );
      const byNeed = await Promise.all(
        payable.rows[0].services.map(async (need) => ({
          need,
          venues: await expected(busiest.inseeCode, need),
        })),
      );
      const narrowing =
        byNeed.find((n) => n.venues.length > 0 && n.venues.length < busiest.venues.length) ??
        byNeed[0];

      await browser.step('by-need', async () => {
        await page.getByLabel('Votre besoin').selectOption({ label: narrowing.need });
        await expectVenues(page, narrowing.venues, `need ${narrowing.need}`);
      });

      await browser.step('nothing-found', async () => {
        await page.getByLabel('Votre besoin').selectOption({ label: 'Tous les besoins' });
        await page.getByLabel('Votre commune').selectOption({ label: empty!.name });
        await expectVenues(page, [], `commune without venue ${empty!.name}`);
      });

      await browser.step('unknown-programme', async () => {
        await page.goto(`${adminUrl()}/#/lieux/9b0c4c36-5d38-4a43-9a53-8d3bd9a3f1a2`);
        await page.reload();
        await page.getByText("Ce Pass numérique n'existe pas ou n'est plus en cours.").waitFor();
        await expectNoSideScroll(page, 'unknown programme');
        await expectAccessible(page, 'unknown programme');
        await page.getByRole('link', { name: 'Voir les Pass numériques en cours' }).click();
        await page.waitForURL(new RegExp(`/#/lieux/${programmeId}$`));
        await page.getByTestId('public-venue').first().waitFor();
      });

      await browser.step('weight', () => {
        const files = [...scripts.entries()];
        // The admin (react-admin, MUI) is never downloaded by the public page.
        expect(files.filter(([path]) => /renderAdmin/.test(path))).toEqual([]);
        const total = files.reduce((sum, [, size]) => sum + size, 0);
        console.log(
          `public page JavaScript: ${files.length} files, ${Math.round(total / 1024)} KiB ` +
            `(uncompressed): ${files.map(([path, size]) => `${path} ${Math.round(size / 1024)} KiB`).join(', ')}`,
        );
        expect(total).toBeLessThan(400 * 1024);
        return Promise.resolve();
      });

      // Last: the statement is the admin app's page (its script is not the public page's).
      await browser.step('accessibility-statement', async () => {
        await page.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
        await page
          .getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" })
          .waitFor();
        await page.getByText('page publique « Où utiliser mon Pass numérique ? »').waitFor();
        await expectNoSideScroll(page, 'accessibility statement');
        await expectAccessible(page, 'accessibility statement');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
