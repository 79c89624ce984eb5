// A venue's screens on a 390 px phone, on the full demo data: the mediator of the Médiathèque
// Robert Cousin (mediateur@) opens her home, presents two cheques a beneficiary holds (one typed,
// the other read from its QR code by a fake camera; a wrong security code first, refused in
// French), redeems them, shows the person the confirmation, finds the redemption in her history
// and cancels it. Then she redeems them again while the answer is lost on the way back: the
// retry sends the same Idempotency-Key, and the API made ONE redemption. Last, a programme manager
// After a lost answer the form is frozen: « Abandonner cet envoi » finds the redemption that
// went through and shows its confirmation; a redemption cancelled (from another device) before
// the retry is refused in French, and its cheques redeemed anew; a failed cancel in the history
// refreshes the card. Last, a programme manager finds a cheque locked by five wrong codes on « Vérifier un chèque » and unlocks it. Each screen: nothing
// scrolls sideways and axe-core finds no serious or critical violation.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Request } from 'playwright-core';

import {
  type AdminBrowser,
  expectAccessible,
  expectNoSideScroll,
  phoneMenuLinks,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
  apiAuth as signIn,
  apiGet as get,
  apiUrl as api,
} from './browser.js';
import { fakeCameraArgs, writeQrVideo } from './camera.js';

const MEDIATOR_EMAIL = 'mediateur@demo.carnet.fr';
const MANAGER_EMAIL = 'manager@demo.carnet.fr';
const NOT_FOUND = 'Aucun chèque ne correspond à ce numéro et à ce code de sécurité';

interface PrintedCheque {
  number: string;
  code: string;
  faceValueCents: number;
  qrPayload: string;
}

/**
 * Unused cheques of a carnet a beneficiary holds (DISTRIBUTED), with the codes printed on them,
 * read from its run's CSV as a printer would: what a person brings to a venue. The last such
 * carnet, all of whose cheques are unused, so that nothing else of the demo has touched it.
 */
async function heldCheques(count: number): Promise<PrintedCheque[]> {
  const auth = await signIn(MANAGER_EMAIL);
  const held = await get<{ data: { id: string; issuanceId: string }[] }>(
    '/carnets?filter[holderKind]=BENEFICIARY&filter[status]=ACTIVE&sort=-serial&pageSize=20',
    auth,
  );
  for (const carnet of held.data) {
    const detail = await get<{ cheques: { number: string; status: string }[] }>(
      `/carnets/${carnet.id}`,
      auth,
    );
    if (!detail.cheques.every((c) => c.status === 'DISTRIBUTED')) continue;
    const response = await fetch(`${api()}/issuances/${carnet.issuanceId}/files/csv`, {
      headers: auth,
    });
    const [header, ...lines] = (await response.text()).trim().split('\n');
    const columns = header.split(',');
    const column = (line: string[], name: string) => line[columns.indexOf(name)];
    const printed = new Map(
      lines
        .map((line) => line.split(','))
        .map((line) => [
          column(line, 'chequeNumber'),
          {
            number: column(line, 'chequeNumber'),
            code: column(line, 'securityCode'),
            faceValueCents: Number(column(line, 'faceValueCents')),
            qrPayload: column(line, 'qrPayload'),
          },
        ]),
    );
    return detail.cheques.slice(0, count).map((c) => printed.get(c.number)!);
  }
  throw new Error('no carnet held by a beneficiary with all its cheques unused');
}

interface Redemption {
  id: string;
  status: string;
  period: string;
  amountCents: number;
  cheques: { number: string }[];
}

/** The mediator's venue and its redemptions, as the API gives them to her. */
async function mediatorView(): Promise<{
  venue: { id: string; name: string; services: string[] };
  redemptions: Redemption[];
}> {
  const auth = await signIn(MEDIATOR_EMAIL);
  const venues = await get<{ data: { id: string; name: string; services: string[] }[] }>(
    '/venues',
    auth,
  );
  const venue = venues.data[0];
  const redemptions: Redemption[] = [];
  let cursor = '';
  do {
    const page = await get<{ data: Redemption[]; meta: { nextCursor: string | null } }>(
      `/redemptions?filter[venueId]=${venue.id}&pageSize=200${cursor ? `&cursor=${cursor}` : ''}`,
      auth,
    );
    redemptions.push(...page.data);
    cursor = page.meta.nextCursor ?? '';
  } while (cursor);
  return { venue, redemptions };
}

/** This month in France, as the API files redemptions (YYYY-MM). */
const thisMonth = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7);

const euros = (cents: number): string =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** « 0000 0000 0017 », as printed. */
const printed = (number: string): string => number.replace(/(\d{4})(?=\d)/g, '$1 ');

describe('redemption at a venue, on a phone', () => {
  let browser: AdminBrowser;
  // What the phone's camera films: a cheque's QR code, written once the test knows the cheque.
  const video = join(tmpdir(), `carnet-redemptions-camera-${process.pid}.y4m`);

  beforeAll(async () => {
    await writeQrVideo(video, 'NOT A CHEQUE');
    browser = await openAdmin('redemptions', { viewport: PHONE, args: fakeCameraArgs(video) });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  async function check(screen: string): Promise<void> {
    await browser.page.getByRole('progressbar').first().waitFor({ state: 'detached' });
    await expectNoSideScroll(browser.page, screen);
    await expectAccessible(browser.page, screen);
  }

  /** The home's two figures are what the API says of this month's standing redemptions. */
  async function expectHomeFigures(): Promise<void> {
    const { page } = browser;
    const period = thisMonth();
    const standing = (await mediatorView()).redemptions.filter(
      (r) => r.status === 'ACTIVE' && r.period === period,
    );
    const amount = standing.reduce((sum, r) => sum + r.amountCents, 0);
    await page
      .getByTestId('figure-redemptions')
      .getByText(String(standing.length), { exact: true })
      .waitFor();
    await page.getByTestId('figure-amount').getByText(euros(amount), { exact: true }).waitFor();
  }

  /** Types a cheque's number and code, then « Ajouter ce chèque ». */
  async function typeCheque(number: string, code: string): Promise<void> {
    const { page } = browser;
    await page.getByLabel('Numéro du chèque').fill(number);
    await page.getByLabel('Code de sécurité').fill(code);
    await page.getByRole('button', { name: 'Ajouter ce chèque' }).click();
  }

  const row = (number: string) =>
    browser.page.getByTestId('presented-cheque').filter({ hasText: printed(number) });

  /** Presents two cheques for `service`, waits for their `verdict`, then « Encaisser ». */
  async function presentTwo(
    [first, second]: PrintedCheque[],
    service: string,
    verdict: string | RegExp,
  ): Promise<void> {
    const { page } = browser;
    await page.getByRole('heading', { name: 'Chèques présentés' }).waitFor();
    await typeCheque(first.number, first.code);
    await typeCheque(second.number, second.code);
    await row(first.number).getByText(verdict).waitFor();
    await row(second.number).getByText(verdict).waitFor();
    await page.getByRole('radio', { name: service }).check();
    const total = first.faceValueCents + second.faceValueCents;
    await page.getByRole('button', { name: `Encaisser 2 chèques (${euros(total)})` }).click();
  }

  /** « 1A2B3C4D », as the screens show a redemption's id. */
  const reference = (id: string): string => id.replace(/-/g, '').slice(0, 8).toUpperCase();

  it(
    'redeems two cheques, shows the confirmation, cancels it from the history',
    async () => {
      const { page } = browser;
      const [typed, scanned] = await heldCheques(2);
      const { venue } = await mediatorView();
      const service = venue.services[0];
      await browser.step('login', () => browser.login(MEDIATOR_EMAIL));
      await browser.step('home', async () => {
        await page.getByRole('heading', { name: venue.name }).waitFor();
        await expectHomeFigures();
        await check('venue home');
      });
      await browser.step('menu', async () => {
        const links = await phoneMenuLinks(browser.page);
        expect(links).toEqual(
          expect.arrayContaining([
            'Encaisser des chèques',
            'Historique',
            'Vérifier un chèque',
            'Mon lieu',
          ]),
        );
      });
      await browser.step('redeem screen', async () => {
        await page.getByRole('link', { name: 'Encaisser des chèques' }).click();
        await page.getByRole('heading', { name: 'Chèques présentés' }).waitFor();
        await check('redeem screen');
      });
      await browser.step('wrong code', async () => {
        // The right code with two characters swapped.
        const wrong = `${typed.code.slice(1, 2)}${typed.code.slice(0, 1)}${typed.code.slice(2)}`;
        await typeCheque(typed.number, wrong === typed.code ? 'ZZZZZZZZZZ' : wrong);
        await row(typed.number).getByText(NOT_FOUND).waitFor();
        await check('cheque refused');
        await row(typed.number)
          .getByRole('button', { name: `Retirer le chèque n° ${printed(typed.number)}` })
          .click();
        await row(typed.number).waitFor({ state: 'detached' });
      });
      await browser.step('typed cheque', async () => {
        await typeCheque(printed(typed.number), typed.code);
        await row(typed.number)
          .getByText(`Valable : ${euros(typed.faceValueCents)}`)
          .waitFor();
      });
      await browser.step('scanned cheque', async () => {
        await writeQrVideo(video, scanned.qrPayload);
        await page.getByRole('button', { name: 'Scanner un chèque' }).click();
        await row(scanned.number)
          .getByText(`Valable : ${euros(scanned.faceValueCents)}`)
          .waitFor();
        await check('two cheques payable');
      });
      const total = typed.faceValueCents + scanned.faceValueCents;
      let reference = '';
      await browser.step('redeem', async () => {
        await page.getByRole('radio', { name: service }).check();
        await check('service chosen');
        await page.getByRole('button', { name: `Encaisser 2 chèques (${euros(total)})` }).click();
        const receipt = page.getByTestId('redemption-receipt');
        await receipt.getByText('Encaissement enregistré').waitFor();
        await receipt.getByText(euros(total), { exact: true }).waitFor();
        await receipt.getByText('2 chèques encaissés').waitFor();
        await receipt.getByText(service, { exact: true }).waitFor();
        await receipt.getByText(venue.name, { exact: true }).waitFor();
        reference = await receipt.getByTestId('redemption-reference').innerText();
        expect(reference).toMatch(/^[0-9A-F]{8}$/);
        await check('confirmation');
      });
      await browser.step('history', async () => {
        await page.getByRole('link', { name: "Voir l'historique" }).click();
        const card = page.getByTestId('redemption').filter({ hasText: `réf. ${reference}` });
        await card.getByTestId('redemption-status').getByText('Encaissé').waitFor();
        await card.getByText(euros(total), { exact: true }).waitFor();
        await check('history');
        await card
          .getByRole('button', { name: `Annuler l'encaissement réf. ${reference}` })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText(/redeviennent utilisables par la personne/).waitFor();
        await check('cancel dialog');
        await dialog.getByRole('button', { name: "Annuler l'encaissement" }).click();
        await card.getByTestId('redemption-status').getByText('Annulé').waitFor();
        await card.getByText(/^Annulé le .* par mediateur@demo\.carnet\.fr/).waitFor();
        expect(await card.getByRole('button', { name: /Annuler/ }).count()).toBe(0);
        await check('history, cancelled');
      });
      const { redemptions } = await mediatorView();
      const mine = redemptions.find((r) => r.cheques.some((c) => c.number === typed.number));
      expect(mine?.status).toBe('CANCELLED');
      expect(mine?.amountCents).toBe(total);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'retries a redemption whose answer was lost with the same key, even after a reload, and redeems once',
    async () => {
      const { page } = browser;
      const [first, second] = await heldCheques(2);
      const { venue, redemptions: earlier } = await mediatorView();
      const service = venue.services[0];
      const total = first.faceValueCents + second.faceValueCents;
      const before = earlier.filter((r) => r.cheques.some((c) => c.number === first.number));
      const keys: string[] = [];
      let replayed: string | undefined;
      const keyOf = (request: Request) => request.headers()['idempotency-key'];
      // The first two answers are lost on the way back: the request reaches the API, which
      // redeems (then replays), and the phone hears nothing.
      await page.route('**/api/v1/redemptions', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(keyOf(route.request()));
        const response = await route.fetch();
        if (keys.length <= 2) {
          expect(response.status()).toBe(201);
          return route.abort('failed');
        }
        replayed = response.headers()['idempotent-replayed'];
        return route.fulfill({ response });
      });
      const present = (verdict: string | RegExp) => presentTwo([first, second], service, verdict);
      await browser.step('lost answer', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/encaisser`);
        await present('Valable');
        await page
          .getByTestId('redemption-lost')
          .getByText(/La réponse n'est pas arrivée/)
          .waitFor();
        await check('answer lost');
        // The attempt is kept for a retry, its security codes nowhere in the browser's storage.
        const stored = await page.evaluate(
          () => JSON.stringify(sessionStorage) + JSON.stringify(localStorage),
        );
        expect(stored).toContain(keys[0]);
        expect(stored).not.toContain(first.code);
        expect(stored).not.toContain(second.code);
      });
      await browser.step('retry, lost again', async () => {
        const failed = page.waitForEvent('requestfailed', (request) =>
          request.url().endsWith('/api/v1/redemptions'),
        );
        await page.getByRole('button', { name: /^Réessayer/ }).click();
        await failed;
        expect(keys).toHaveLength(2);
        await page.getByRole('button', { name: /^Réessayer/ }).waitFor();
        await page.getByTestId('redemption-lost').waitFor();
      });
      await browser.step('reload, present again', async () => {
        // The phone reloads the page: the cheques and their codes are gone with it; the
        // attempt is remembered, and presenting the same cheques sends the same key.
        await page.reload();
        await page
          .getByTestId('unanswered-attempt')
          .getByText(/resté sans réponse/)
          .waitFor();
        await check('unanswered attempt');
        // Spent by the lost attempt: the screen says so, and sends that attempt again.
        await present(/déjà encaissé, sans doute par l’envoi resté sans réponse/);
        await page.getByTestId('redemption-receipt').getByText('Encaissement enregistré').waitFor();
        await page
          .getByTestId('redemption-receipt')
          .getByText(euros(total), { exact: true })
          .waitFor();
        await check('confirmation after a retry');
        expect(keys).toHaveLength(3);
        expect(new Set(keys).size).toBe(1);
        expect(replayed).toBe('true');
        // The attempt is over: nothing is left in the tab's storage.
        expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(keys[0]);
      });
      await page.unroute('**/api/v1/redemptions');
      const { redemptions } = await mediatorView();
      const withFirst = redemptions.filter((r) => r.cheques.some((c) => c.number === first.number));
      expect(withFirst).toHaveLength(before.length + 1);
      expect(withFirst.filter((r) => r.status === 'ACTIVE')).toHaveLength(1);
      await browser.step('home again', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/`);
        await page.getByRole('heading', { name: venue.name }).waitFor();
        await expectHomeFigures();
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'freezes the form after a lost answer; « Abandonner cet envoi » finds the redemption made',
    async () => {
      const { page } = browser;
      const cheques = await heldCheques(2);
      const [first, second] = cheques;
      const { venue } = await mediatorView();
      const service = venue.services[0];
      const total = first.faceValueCents + second.faceValueCents;
      const made: Redemption[] = [];
      // The answer is lost on the way back: the API redeems, the phone hears nothing.
      await page.route('**/api/v1/redemptions', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const response = await route.fetch();
        expect(response.status()).toBe(201);
        made.push((await response.json()) as Redemption);
        return route.abort('failed');
      });
      await browser.step('login', () => browser.login(MEDIATOR_EMAIL));
      await browser.step('lost answer', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/encaisser`);
        await presentTwo(cheques, service, 'Valable');
        await page.getByTestId('redemption-lost').waitFor();
        expect(made).toHaveLength(1);
      });
      await browser.step('form frozen', async () => {
        // Nothing of the attempt can change: its key is kept for « Réessayer » only.
        for (const control of [
          page.getByRole('button', { name: 'Ajouter ce chèque' }),
          page.getByLabel('Numéro du chèque'),
          page.getByLabel('Code de sécurité'),
          page.getByRole('button', { name: `Retirer le chèque n° ${printed(first.number)}` }),
          page.getByRole('button', { name: `Retirer le chèque n° ${printed(second.number)}` }),
          page.getByRole('radio', { name: service }),
          page.getByLabel('Durée'),
          page.getByLabel('Date', { exact: true }),
          page.getByLabel('Nombre de participants'),
        ]) {
          expect(await control.isDisabled()).toBe(true);
        }
        expect(await page.getByRole('button', { name: /^Réessayer/ }).isEnabled()).toBe(true);
        expect(await page.getByRole('button', { name: 'Abandonner cet envoi' }).isEnabled()).toBe(
          true,
        );
        await check('answer lost, form frozen');
      });
      await page.unroute('**/api/v1/redemptions');
      await browser.step('abandon: it went through', async () => {
        await page.getByRole('button', { name: 'Abandonner cet envoi' }).click();
        const receipt = page.getByTestId('redemption-receipt');
        await receipt.getByText('Encaissement enregistré').waitFor();
        await receipt.getByText(euros(total), { exact: true }).waitFor();
        expect(await receipt.getByTestId('redemption-reference').innerText()).toBe(
          reference(made[0].id),
        );
        await check('confirmation found by « Abandonner »');
        expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(
          'redemptionAttempt',
        );
      });
      const { redemptions } = await mediatorView();
      const withFirst = redemptions.filter((r) => r.cheques.some((c) => c.number === first.number));
      expect(withFirst.filter((r) => r.status === 'ACTIVE').map((r) => r.id)).toEqual([made[0].id]);
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses in French a retry whose redemption was cancelled since, then redeems anew; a failed cancel refreshes the history',
    async () => {
      const { page } = browser;
      const cheques = await heldCheques(2);
      const [first, second] = cheques;
      const { venue } = await mediatorView();
      const service = venue.services[0];
      const total = first.faceValueCents + second.faceValueCents;
      const mediator = await signIn(MEDIATOR_EMAIL);
      const keys: string[] = [];
      const statuses: number[] = [];
      let lostOne: Redemption | undefined;
      // The first answer is lost; the next ones reach the phone.
      await page.route('**/api/v1/redemptions', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key']);
        const response = await route.fetch();
        statuses.push(response.status());
        if (keys.length === 1) {
          lostOne = (await response.json()) as Redemption;
          return route.abort('failed');
        }
        return route.fulfill({ response });
      });
      const cancelThroughApi = async (id: string) => {
        const cancelled = await fetch(`${api()}/redemptions/${id}/cancel`, {
          method: 'POST',
          headers: mediator,
        });
        expect(cancelled.status).toBe(200);
      };
      await browser.step('login', () => browser.login(MEDIATOR_EMAIL));
      await browser.step('lost answer', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/encaisser`);
        await presentTwo(cheques, service, 'Valable');
        await page.getByTestId('redemption-lost').waitFor();
      });
      // The same account cancels it from another device (the counter PC).
      await cancelThroughApi(lostOne!.id);
      await browser.step('retry: cancelled since', async () => {
        await page.getByRole('button', { name: /^Réessayer/ }).click();
        await page
          .getByTestId('redemption-refusal')
          .getByText(/Cet encaissement a été annulé depuis/)
          .waitFor();
        expect(statuses).toEqual([201, 409]);
        expect(keys[1]).toBe(keys[0]);
        expect(await page.getByTestId('redemption-receipt').count()).toBe(0);
        expect(await page.getByText('Encaissement enregistré').count()).toBe(0);
        // The attempt is forgotten; the cheques stay listed, checked again, and the form is open.
        expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(keys[0]);
        await row(first.number).getByText('Valable').waitFor();
        await row(second.number).getByText('Valable').waitFor();
        expect(await page.getByRole('button', { name: 'Ajouter ce chèque' }).isEnabled()).toBe(
          true,
        );
        await check('retry refused: cancelled since');
      });
      let again = '';
      await browser.step('redeem anew', async () => {
        await page.getByRole('button', { name: `Encaisser 2 chèques (${euros(total)})` }).click();
        const receipt = page.getByTestId('redemption-receipt');
        await receipt.getByText('Encaissement enregistré').waitFor();
        again = await receipt.getByTestId('redemption-reference').innerText();
        expect(statuses).toEqual([201, 409, 201]);
        expect(keys[2]).not.toBe(keys[0]);
        expect(again).not.toBe(reference(lostOne!.id));
      });
      await page.unroute('**/api/v1/redemptions');
      await browser.step('history: a failed cancel', async () => {
        await page.getByRole('link', { name: "Voir l'historique" }).click();
        const card = page.getByTestId('redemption').filter({ hasText: `réf. ${again}` });
        const cancel = card.getByRole('button', { name: `Annuler l'encaissement réf. ${again}` });
        await cancel.waitFor();
        // Cancelled from another device while this card still offers « Annuler ».
        const { redemptions } = await mediatorView();
        const shown = redemptions.find((r) => reference(r.id) === again)!;
        await cancelThroughApi(shown.id);
        await cancel.click();
        await page
          .getByRole('dialog')
          .getByRole('button', { name: "Annuler l'encaissement" })
          .click();
        await page
          .getByText(/^Cet encaissement ne peut plus être annulé/)
          .first()
          .waitFor();
        await card.getByTestId('redemption-status').getByText('Annulé').waitFor();
        expect(await card.getByRole('button', { name: /Annuler/ }).count()).toBe(0);
        await check('history after a failed cancel');
      });
      const { redemptions } = await mediatorView();
      const withFirst = redemptions.filter((r) => r.cheques.some((c) => c.number === first.number));
      expect(withFirst.filter((r) => r.status === 'ACTIVE')).toHaveLength(0);
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a programme manager a cheque locked by wrong codes, and lets them unlock it',
    async () => {
      const { page } = browser;
      // Five wrong codes from the mediator's venue (qualified, serving the programme) lock it.
      const [locked] = await heldCheques(1);
      const mediator = await signIn(MEDIATOR_EMAIL);
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${api()}/cheques/${locked.number}`, {
          headers: { ...mediator, 'X-Security-Code': 'AAAAA-AAAAA' },
        });
        expect(response.status).toBe(404);
      }
      const refused = await fetch(`${api()}/cheques/${locked.number}`, {
        headers: { ...mediator, 'X-Security-Code': locked.code },
      });
      expect(refused.status).toBe(423);

      await browser.step('manager login', () => browser.login(MANAGER_EMAIL));
      await browser.step('locked cheque', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/verifier-un-cheque`);
        await page.getByLabel('Numéro du chèque').fill(locked.number);
        await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
        await page
          .getByTestId('cheque-locked')
          .getByText('5 codes de sécurité erronés', { exact: false })
          .waitFor();
        await check('locked cheque');
      });
      await browser.step('unlock', async () => {
        await page.getByRole('button', { name: 'Débloquer le chèque' }).click();
        const dialog = page.getByRole('dialog');
        await dialog
          .getByText('Le compteur de codes erronés repart de zéro', { exact: false })
          .waitFor();
        await check('unlock dialog');
        await dialog.getByRole('button', { name: 'Débloquer le chèque' }).click();
        await page.getByText(`Chèque ${printed(locked.number)} débloqué.`).waitFor();
        await page.getByTestId('cheque-locked').waitFor({ state: 'detached' });
        await page.getByTestId('cheque-event').filter({ hasText: 'Chèque débloqué' }).waitFor();
        await check('unlocked');
      });
      // The person's right code is accepted again.
      const accepted = await fetch(`${api()}/cheques/${locked.number}`, {
        headers: { ...mediator, 'X-Security-Code': locked.code },
      });
      expect(accepted.status).toBe(200);
      await browser.step('manager logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );
});
