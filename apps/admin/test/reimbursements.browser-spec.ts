// A month's reimbursement batch from creation to payment, on the full demo data. A finance officer
// (finance@) creates the batch of a finished month whose redemptions no batch took yet (chosen
// from the API, whatever batches the demo holds), follows its generation, and finds « Approuver »
// disabled with the four-eyes reason; a second officer (finance2@) approves it, exports it for an
// execution day she chooses, waits for the worker's files, downloads them (the SEPA XML, the état
// liquidatif's CSV with its BOM, each matching the SHA-256 shown), imports the bank's status report
// (pain.002: one venue paid, the mediator's venue still pending, one transfer unknown) and records
// the rest by hand: one line rejected, the others all paid at once, so the batch ends « Partiellement
// payé ». Last, the mediator of the Médiathèque Robert Cousin (mediateur@) finds the month in « Mes
// relevés » on a 390 px phone, paid, and downloads her statement. Each screen: axe-core finds no
// serious or critical violation.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { Page } from 'playwright-core';

import {
  type AdminBrowser,
  adminUrl,
  expectAccessible,
  expectNoSideScroll,
  openAdmin,
  PHONE,
  phoneMenuLinks,
  TEST_TIMEOUT_MS,
  apiAuth as signIn,
  apiGet as get,
} from './browser.js';

const FINANCE_EMAIL = 'finance@demo.carnet.fr';
const SECOND_FINANCE_EMAIL = 'finance2@demo.carnet.fr';
const MEDIATOR_EMAIL = 'mediateur@demo.carnet.fr';
const MEDIATOR_VENUE = 'Médiathèque Robert Cousin';
const FOUR_EYES = "Vous avez créé ce lot : un second agent financier doit l'approuver.";
/** Generation and export run in the worker: allow them time on a loaded machine. */
const JOB_MS = 120_000;

interface Redemption {
  status: string;
  period: string;
  programmeId: string;
  reimbursementBatchId: string | null;
}

interface BatchLine {
  id: string;
  venueName: string;
  status: string;
  endToEndId: string | null;
}

/** A calendar day `days` after `day` (YYYY-MM-DD). */
const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** « 7 décembre 2026 », as the screens write a day. */
const frenchDay = (day: string): string =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }).format(new Date(`${day}T12:00:00`));

/** A bank's pain.002 status report answering the transfer file `originalMessageId`. */
function statusReport(
  originalMessageId: string,
  transactions: { endToEndId: string; status: string }[],
): string {
  const now = new Date().toISOString().slice(0, 19);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>BANQUE-${Date.now()}</MsgId><CreDtTm>${now}</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>${originalMessageId}</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
    </OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>${originalMessageId}</OrgnlPmtInfId>
${transactions
  .map(
    (tx) =>
      `      <TxInfAndSts><OrgnlEndToEndId>${tx.endToEndId}</OrgnlEndToEndId><TxSts>${tx.status}</TxSts></TxInfAndSts>`,
  )
  .join('\n')}
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>`;
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

/** Clicks `button` and waits for the download it starts: the file's bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return readFile(path);
}

describe('reimbursement batches', () => {
  let browser: AdminBrowser;
  let batchUrl = '';
  let batchId = '';
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
        batchId = /reimbursement-batches\/([^/]+)\/show/.exec(batchUrl)![1];
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
        const approve = page.getByRole('button', { name: 'Approuver' });
        await expect(approve.isDisabled()).resolves.toBe(true);
        await page.getByTestId('approve-refusal').filter({ hasText: FOUR_EYES }).waitFor();
        // Refused, yet reachable from the keyboard: a screen reader reads the reason with it.
        await approve.focus();
        await expect(approve.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        const describedBy = await approve.getAttribute('aria-describedby');
        await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(FOUR_EYES);
        // Pressed anyway, it opens nothing.
        await page.keyboard.press('Enter');
        await expect(page.getByRole('dialog').count()).resolves.toBe(0);
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a second finance officer approves it, exports it, downloads its files, imports the bank's report, records payments",
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
      await browser.step('export', async () => {
        await page.getByRole('button', { name: 'Exporter' }).click();
        const dialog = page.getByRole('dialog');
        const dateInput = dialog.getByLabel("Date d'exécution demandée");
        const offered = await dateInput.inputValue();
        // The next business day is offered: tomorrow at the earliest, never a weekend.
        expect(offered > new Date().toISOString().slice(0, 10)).toBe(true);
        expect([0, 6]).not.toContain(new Date(`${offered}T12:00:00Z`).getUTCDay());
        // The officer chooses another day: a week later, the same weekday.
        const chosen = addDays(offered, 7);
        await dateInput.fill(chosen);
        await dialog.getByText(frenchDay(chosen)).waitFor();
        await expectAccessible(page, 'export dialog');
        await dialog.getByRole('button', { name: 'Produire les fichiers' }).click();
        // The worker writes the files; the page follows it until the batch is EXPORTED.
        await statusChip(page)
          .filter({ hasText: 'Envoyé à la banque' })
          .waitFor({ timeout: JOB_MS });
        await page.getByTestId('batch-progress').waitFor({ state: 'detached' });
        await page
          .getByTestId('batch-history')
          .getByText(`virements à exécuter le ${frenchDay(chosen)}`)
          .waitFor();
        await page.getByTestId('batch-file').filter({ hasText: 'sepa.xml' }).waitFor();
        await expectAccessible(page, 'batch page (exported)');
      });
      let sepa: Buffer = Buffer.alloc(0);
      await browser.step('download', async () => {
        const file = (name: string) => page.getByTestId('batch-file').filter({ hasText: name });
        sepa = await downloaded(page, () =>
          file('sepa.xml').getByRole('button', { name: 'Télécharger sepa.xml' }).click(),
        );
        expect(sepa.subarray(0, 5).toString('utf8')).toBe('<?xml');
        const csv = await downloaded(page, () =>
          file('etat-liquidatif.csv')
            .getByRole('button', { name: 'Télécharger etat-liquidatif.csv' })
            .click(),
        );
        expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        // The SHA-256 shown is the one of the bytes downloaded.
        const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
        await file('sepa.xml').getByText(sha256(sepa), { exact: true }).waitFor();
        await file('etat-liquidatif.csv').getByText(sha256(csv), { exact: true }).waitFor();
      });
      let rejected: BatchLine | undefined;
      await browser.step('status report', async () => {
        const finance = await signIn(SECOND_FINANCE_EMAIL);
        const payable = (
          await get<{ data: BatchLine[] }>(
            `/reimbursement-batches/${batchId}/lines?filter[status]=PAYABLE&pageSize=200`,
            finance,
          )
        ).data;
        // The demo pays several venues: one paid by the bank's report, one rejected by hand.
        const mediator = payable.find((line) => line.venueName === MEDIATOR_VENUE);
        const others = payable.filter((line) => line.venueName !== MEDIATOR_VENUE);
        expect(mediator).toBeDefined();
        expect(others.length).toBeGreaterThanOrEqual(2);
        const [paidByReport] = others;
        rejected = others[1];
        const messageId = /<GrpHdr>\s*<MsgId>([^<]+)<\/MsgId>/.exec(sepa.toString('utf8'))?.[1];
        expect(messageId).toBeDefined();
        const report = statusReport(messageId!, [
          { endToEndId: paidByReport.endToEndId!, status: 'ACSC' },
          { endToEndId: mediator!.endToEndId!, status: 'PDNG' },
          { endToEndId: 'INCONNU-0001', status: 'ACSC' },
        ]);
        await page.getByText('Importer le compte rendu de la banque').waitFor();
        await page.locator('input[name="statusReport"]').setInputFiles({
          name: 'pain002.xml',
          mimeType: 'application/xml',
          buffer: Buffer.from(report, 'utf8'),
        });
        const summary = page.getByTestId('status-report-summary');
        await summary.getByTestId('status-report-paid').getByText('1 lieu payé').waitFor();
        await summary.getByTestId('status-report-paid').getByText(paidByReport.venueName).waitFor();
        await summary
          .getByTestId('status-report-pending')
          .getByText(`${MEDIATOR_VENUE}`, { exact: true })
          .waitFor();
        await summary.getByTestId('status-report-unknown').getByText('INCONNU-0001').waitFor();
        expect(await summary.getByTestId('status-report-rejected').count()).toBe(0);
        await page
          .getByTestId('batch-line')
          .filter({ hasText: paidByReport.venueName })
          .getByText(/^Payé le /)
          .waitFor();
        await statusChip(page).filter({ hasText: 'Envoyé à la banque' }).waitFor();
        await expectAccessible(page, 'batch page (status report)');
      });
      await browser.step('payments', async () => {
        const finance = await signIn(SECOND_FINANCE_EMAIL);
        const payable = (
          await get<{ data: BatchLine[] }>(
            `/reimbursement-batches/${batchId}/lines?filter[status]=PAYABLE&pageSize=200`,
            finance,
          )
        ).data;
        // The lines the report left: one rejected by hand, the others paid.
        expect(payable.map((line) => line.id)).toContain(rejected!.id);
        await page.getByRole('button', { name: 'Enregistrer les paiements' }).click();
        const dialog = page.getByRole('dialog');
        const row = dialog.getByTestId('payment-line').filter({ hasText: rejected!.venueName });
        await row.getByRole('radio', { name: 'Rejeté' }).check();
        await row
          .getByRole('textbox', { name: `Motif du rejet (${rejected!.venueName})` })
          .fill('AC04 — compte clôturé');
        await dialog.getByRole('button', { name: 'Tout marquer payé' }).click();
        await expectAccessible(page, 'payments dialog');
        await dialog
          .getByRole('button', { name: `Enregistrer ${payable.length} réponses` })
          .click();
        await statusChip(page).filter({ hasText: 'Partiellement payé' }).waitFor();
        await page
          .getByTestId('batch-line')
          .filter({ hasText: MEDIATOR_VENUE })
          .getByText(/^Payé le /)
          .waitFor();
        await page
          .getByTestId('batch-line')
          .filter({ hasText: rejected!.venueName })
          .getByText('Motif de la banque : AC04 — compte clôturé')
          .waitFor();
        await expectAccessible(page, 'batch page (partially paid)');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the venue's staff finds the month paid in « Mes relevés » on a phone and downloads it",
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
        await statement
          .getByTestId('statement-status')
          .getByText(/^Payé le /)
          .waitFor();
        await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
        await expectNoSideScroll(page, 'statements');
        await expectAccessible(page, 'statements');
        const button = statement.getByRole('button', {
          name: `Télécharger le relevé de ${frenchMonth(period)} (PDF)`,
        });
        const box = await button.boundingBox();
        expect(box?.height).toBeGreaterThanOrEqual(44);
        const pdf = await downloaded(page, () => button.click());
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      });
    },
    TEST_TIMEOUT_MS,
  );
});
