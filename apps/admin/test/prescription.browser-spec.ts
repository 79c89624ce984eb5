// The counter of a prescriber structure on a 390 px phone, on the full demo data: the CCAS de
// Lens's agent registers a person, diagnoses her needs, finds her household by its address,
// hands her a carnet from the structure's stock, and prints her orientation slip. Each screen:
// nothing scrolls sideways and axe-core finds no serious or critical violation.
// Needs ADMIN_URL: the test harness starts the API, the worker and a `vite preview` of the admin.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  type AdminBrowser,
  DEMO_PASSWORD,
  expectAccessible,
  expectNoSideScroll,
  phoneMenuLinks,
  openAdmin,
  PHONE,
  TEST_TIMEOUT_MS,
} from './browser.js';
import { fakeCameraArgs, writeQrVideo } from './camera.js';

const AGENT_EMAIL = 'prescriber@demo.carnet.fr';
const REFERENT_EMAIL = 'commune@demo.carnet.fr';
const MANAGER_EMAIL = 'manager@demo.carnet.fr';
const ADDRESS = '12 bis, Boulevard Émile-Basly 62300 LENS';
const SAME_ADDRESS = '12bis bd Emile Basly, 62300 Lens';

/**
 * The last day of the demo programme's cheques (relative to the day the demo was seeded), as the
 * API gives it, in French words: « 31 août 2027 ».
 */
async function validityEnd(): Promise<string> {
  const api = `${process.env.ADMIN_URL}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: MANAGER_EMAIL, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const programmes = (await (
    await fetch(`${api}/programmes`, { headers: { Authorization: `Bearer ${accessToken}` } })
  ).json()) as { data: { validityEndDate: string }[] };
  const day = programmes.data[0].validityEndDate;
  return new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

describe('the prescription counter on a phone', () => {
  let browser: AdminBrowser;
  // What the phone's camera films: a cheque's QR code, written once the test knows a cheque.
  const video = join(tmpdir(), `carnet-prescription-camera-${process.pid}.y4m`);

  beforeAll(async () => {
    await writeQrVideo(video, 'NOT A CHEQUE');
    browser = await openAdmin('prescription', { viewport: PHONE, args: fakeCameraArgs(video) });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  }, TEST_TIMEOUT_MS);

  async function check(screen: string): Promise<void> {
    await expectNoSideScroll(browser.page, screen);
    await expectAccessible(browser.page, screen);
  }

  it(
    'registers a person, diagnoses her and finds her household',
    async () => {
      const { page } = browser;
      await browser.step('login', () => browser.login(AGENT_EMAIL));
      await browser.step('menu', async () => {
        expect(await phoneMenuLinks(browser.page)).toContain('Bénéficiaires');
      });
      await browser.step('list', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/beneficiaries`);
        await page.getByRole('button', { name: 'Chercher un foyer' }).waitFor();
        await check('beneficiary list');
      });
      await browser.step('create', async () => {
        await page.getByRole('link', { name: 'Inscrire une personne' }).click();
        await page.getByText('Adresse du foyer').first().waitFor();
        // One programme, and the structure's own commune: both preselected.
        expect(
          await page
            .getByRole('radio', { name: 'Pass numérique Lens-Liévin 2026-2027' })
            .isChecked(),
        ).toBe(true);
        expect(await page.getByRole('radio', { name: 'Lens', exact: true }).isChecked()).toBe(true);
        await check('registration form');
        await page.getByRole('radio', { name: '60 à 74 ans' }).check();
        await page.getByRole('radio', { name: 'Retraité ou retraitée' }).check();
        await page.getByLabel('Prénom (facultatif)').fill('Josiane');
        await page
          .getByRole('checkbox', {
            name: 'La personne accepte que nous gardions son téléphone ou son e-mail',
          })
          .check();
        await page.getByRole('radio', { name: /suivi de son accompagnement/ }).check();
        await page.getByLabel('Téléphone ou e-mail').fill('06 12 34 56 78');
        await page.getByLabel('Adresse du foyer').fill(ADDRESS);
        await check('registration form, filled');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/beneficiaries\/[^/]+\/show/);
        await page.getByRole('heading', { name: 'Josiane' }).waitFor();
        await page.getByText('accord pour : Être recontactée').waitFor();
        await check('beneficiary page');
      });
      await browser.step('diagnostic', async () => {
        await page.getByRole('button', { name: 'Faire un diagnostic' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('De quoi la personne a-t-elle besoin ?').waitFor();
        await check('diagnostic: needs');
        // Nothing ticked: the step says what is missing.
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByText('Cochez au moins un besoin ou une démarche.').waitFor();
        await dialog.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
        await dialog.getByRole('checkbox', { name: 'Impôts' }).check();
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByRole('radio', { name: /bloque sur les démarches en ligne/ }).check();
        await check('diagnostic: autonomy');
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByRole('checkbox', { name: 'Un smartphone' }).check();
        await check('diagnostic: equipment');
        await dialog.getByRole('button', { name: 'Suivant' }).click();
        await dialog.getByText(/N'écrivez rien sur sa santé/).waitFor();
        await dialog.getByLabel('Notes (facultatif)').fill('Souhaite déclarer ses revenus.');
        await dialog.getByText('30 / 500 caractères').waitFor();
        await check('diagnostic: notes');
        await dialog.getByRole('button', { name: 'Enregistrer' }).click();
        const card = page.getByTestId('diagnostic');
        await card.getByText('Impôts').waitFor();
        await card.getByText('Autonomie : Se débrouille au quotidien', { exact: false }).waitFor();
        await check('beneficiary page, diagnosed');
      });
      await browser.step('hand-out', async () => {
        // The notice lies over the page's last button until it goes.
        await page.mouse.move(200, 100);
        await page.getByText('Diagnostic enregistré').waitFor({ state: 'hidden' });
        const beneficiaryPage = page.url();
        // Two carnets of the CCAS de Lens's stock, as its agent's carnet list shows them.
        await page.goto(`${process.env.ADMIN_URL}/#/carnets`);
        await page
          .getByText(/Carnet n° \d+/)
          .nth(1)
          .waitFor();
        const serials = (await page.getByText(/Carnet n° \d+/).allInnerTexts()).map((text) =>
          /Carnet n° (\d+)/.exec(text)![1].padStart(7, '0'),
        );
        // The second carnet's first cheque, whose QR code the camera will read.
        await page
          .getByRole('link', { name: new RegExp(`^Carnet n° ${Number(serials[1])}(?!\\d)`) })
          .click();
        await page.waitForURL(/\/carnets\/[^/]+\/show/);
        const cheque = (await page.getByTestId('cheque-number').first().innerText()).replace(
          /\s/g,
          '',
        );
        await page.goto(beneficiaryPage);
        await page.getByRole('button', { name: 'Remettre un carnet' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Numéro du carnet').fill('9999999');
        await expect(
          dialog.getByRole('radio', { name: /Le plus récent/ }).isChecked(),
        ).resolves.toBe(true);
        await check('hand-out dialog');
        await dialog.getByRole('button', { name: 'Remettre le carnet' }).click();
        await dialog.getByText("Ce carnet n'est pas dans le stock de votre structure").waitFor();
        await check('hand-out refused');
        await dialog.getByLabel('Numéro du carnet').fill(serials[0]);
        await dialog.getByRole('button', { name: 'Remettre le carnet' }).click();
        await dialog.getByText(`Carnet n° ${serials[0]} remis`).waitFor();
        await dialog.getByText('10 chèques, soit 100,00 €').waitFor();
        await dialog.getByText(`Valables jusqu'au ${await validityEnd()}`).waitFor();
        await check('hand-out done');
        await dialog.getByRole('button', { name: 'Fermer' }).click();
        // A mistake: undone, then the right carnet handed out.
        const handOut = page.getByTestId('hand-out').filter({ hasText: serials[0] });
        await handOut.getByRole('button', { name: 'Annuler la remise' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Annuler la remise' }).click();
        await page.getByText(`Carnet n° ${serials[0]} (remise annulée)`).waitFor();
        // The right carnet, read from one of its cheques with the camera (its security code
        // stays on the phone: the hand-out needs the number only).
        await writeQrVideo(video, `PN1:${cheque}:ABCDEFGHJK`);
        await page.getByRole('button', { name: 'Remettre un carnet' }).click();
        await dialog.getByRole('button', { name: "Lire un chèque avec l'appareil photo" }).click();
        await dialog.getByText(/Chèque n° [\d ]+ lu/).waitFor();
        await check('hand-out, cheque read by the camera');
        await dialog.getByRole('button', { name: 'Remettre le carnet' }).click();
        await dialog.getByText(`Carnet n° ${serials[1]} remis`).waitFor();
        await dialog.getByRole('button', { name: 'Fermer' }).click();
        await page.getByTestId('hand-out').filter({ hasText: serials[1] }).waitFor();
        await check('beneficiary page, carnet handed out');
      });
      await browser.step('orientation', async () => {
        await page.getByTestId('venue').first().waitFor();
        // Hours in French, not in OpenStreetMap's format.
        await page
          .getByTestId('venue')
          .getByText(/^Horaires : lun\.–ven\./)
          .first()
          .waitFor();
        await check('orientation');
        await page.getByRole('link', { name: "Fiche d'orientation à imprimer" }).click();
        await page.waitForURL(/\/beneficiaries\/[^/]+\/slip/);
        await page.getByTestId('slip-venue').first().waitFor();
        await page.getByText("Présentez vos chèques au lieu avant l'atelier").waitFor();
        await page.getByText(`Vos chèques sont valables jusqu'au ${await validityEnd()}`).waitFor();
        // Nothing about the person: not even her first name.
        expect(await page.getByText('Josiane').count()).toBe(0);
        await check('orientation slip');
        await page.evaluate(() => {
          (window as unknown as { printed: boolean }).printed = false;
          window.print = () => {
            (window as unknown as { printed: boolean }).printed = true;
          };
        });
        await page.getByRole('button', { name: 'Imprimer' }).click();
        expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(
          true,
        );
        // On paper: the venues and the instructions, no buttons.
        await page.emulateMedia({ media: 'print' });
        expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
        expect(await page.getByTestId('slip-venue').first().isVisible()).toBe(true);
        await check('orientation slip, printed');
        await page.emulateMedia({ media: 'screen' });
        await page.getByRole('link', { name: 'Retour' }).click();
        await page.getByRole('heading', { name: 'Josiane' }).waitFor();
      });
      await browser.step('household', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/beneficiaries`);
        await page.getByText('Josiane').first().waitFor();
        await Promise.all([
          page.waitForResponse((r) => /\/beneficiaries\?.*firstName/.test(decodeURI(r.url()))),
          page.getByLabel('Chercher par prénom').fill('jos'),
        ]);
        await page.getByText('Josiane').first().waitFor();
        // A first name typed at the counter stays out of the address bar and the browser's storage.
        expect(page.url()).not.toMatch(/jos/i);
        expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/jos/i);
        await page.locator('.MuiCircularProgress-root').waitFor({ state: 'detached' });
        await check('beneficiary list, searched');
        await page.getByRole('button', { name: 'Chercher un foyer' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText("elle n'est pas enregistrée").waitFor();
        await dialog.getByLabel('Adresse du foyer').fill(SAME_ADDRESS);
        await dialog.getByRole('button', { name: 'Chercher' }).click();
        await dialog.getByText('1 personne inscrite à cette adresse').waitFor();
        await check('household search');
        await dialog.getByText('Josiane').click();
        await page.getByRole('heading', { name: 'Josiane' }).waitFor();
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  /** Signs in afresh, whatever the test before left open. */
  async function signInAs(email: string): Promise<void> {
    await browser.page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await browser.step('login', () => browser.login(email));
  }

  it(
    'lets a programme manager allow one more carnet for a household',
    async () => {
      const { page } = browser;
      await signInAs(MANAGER_EMAIL);
      await browser.step('menu', async () => {
        expect(await phoneMenuLinks(browser.page)).toContain('Bénéficiaires');
      });
      await browser.step('exception', async () => {
        await page.goto(`${process.env.ADMIN_URL}/#/beneficiaries`);
        // The most recent: the person the agent registered above, who has her carnet.
        await page.getByText('Josiane').first().click();
        await page.getByRole('heading', { name: 'Josiane' }).waitFor();
        await page
          .getByText(/^Remis par /)
          .first()
          .waitFor();
        // Managers grant permissions; only a structure's agents hand carnets out.
        expect(await page.getByRole('button', { name: 'Remettre un carnet' }).count()).toBe(0);
        await page
          .getByRole('button', { name: 'Autoriser un carnet de plus pour ce foyer' })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog
          .getByLabel('Justification')
          .fill('Deux adultes au foyer, besoins distincts : accord de la commission.');
        await check('household permission');
        await dialog.getByRole('button', { name: 'Autoriser' }).click();
        await page.getByText(/Un carnet de plus est autorisé pour ce foyer/).waitFor();
        await check('beneficiary page, as a manager');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows no beneficiary to a commune référent',
    async () => {
      await signInAs(REFERENT_EMAIL);
      await browser.step('menu', async () => {
        const links = await phoneMenuLinks(browser.page);
        expect(links).toContain('Carnets');
        expect(links).not.toContain('Bénéficiaires');
      });
      await browser.step('logout', () => browser.logout());
    },
    TEST_TIMEOUT_MS,
  );
});
