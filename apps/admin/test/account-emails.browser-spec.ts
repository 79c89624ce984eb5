// Accounts by e-mail in a real Chromium: an administrator invites a user, who reads the e-mail in
// the local SMTP server's inbox (maildev, started by npm test: MAIL_INBOX_URL), opens the link on
// a 390 px phone, chooses a password and signs in; then « Mot de passe oublié ? » from the sign-in
// page. Each screen is scanned with axe-core; the screens reached without sign-in must not scroll
// sideways on the phone.
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

const INVITED = 'invitee.browser@example.org';
const PROGRAMME_TITLE = "Pass numérique — Communauté d'agglomération de Lens-Liévin";

interface CaughtMail {
  subject: string;
  text: string;
  to: { address: string }[];
}

/** The e-mails to `address` that the local SMTP server received, waiting for at least `count`. */
async function mailsTo(address: string, count: number): Promise<CaughtMail[]> {
  const inbox = process.env.MAIL_INBOX_URL;
  if (!inbox) throw new Error('MAIL_INBOX_URL is not set: run the browser tests through npm test');
  const deadline = Date.now() + 30_000;
  for (;;) {
    // A bounded wait: an inbox that does not answer fails here, not at the test's timeout.
    const response = await fetch(`${inbox}/api/email`, { signal: AbortSignal.timeout(10_000) });
    const all = (await response.json()) as CaughtMail[];
    const mails = all.filter((m) => m.to.some((to) => to.address === address));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${count} e-mail(s) to ${address} expected`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function linkIn(mail: CaughtMail): string {
  const link = /https?:\/\/\S+\/#\/mot-de-passe\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in « ${mail.subject} »`);
  return link;
}

async function checkPhone(page: Page, screen: string): Promise<void> {
  await expectNoSideScroll(page, screen);
  await expectAccessible(page, screen);
}

/** On the set-password page reached from an e-mail: chooses the password, then signs in. */
async function choosePasswordAndSignIn(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByRole('heading', { level: 2, name: 'Choisir votre mot de passe' }).waitFor();
  await page.getByRole('heading', { level: 1, name: PROGRAMME_TITLE }).waitFor();
  await checkPhone(page, 'set-password page');
  await page.getByLabel('Nouveau mot de passe').fill(password);
  await page.getByLabel('Confirmer le mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByText('Votre mot de passe est enregistré').waitFor();
  await checkPhone(page, 'password saved');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.locator('input[name="username"]').fill(INVITED);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByText('Bienvenue', { exact: false }).first().waitFor();
}

describe('accounts by e-mail', () => {
  let desk: AdminBrowser;
  let phone: AdminBrowser;

  beforeAll(async () => {
    desk = await openAdmin('account-emails-desk');
    phone = await openAdmin('account-emails-phone', { viewport: PHONE });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await desk?.close();
    await phone?.close();
  }, TEST_TIMEOUT_MS);

  it(
    'invites a user, who chooses a password from the e-mail and signs in',
    async () => {
      const { page } = desk;
      await desk.step('login page', async () => {
        await page.goto(adminUrl());
        await page.getByRole('heading', { level: 1, name: PROGRAMME_TITLE }).waitFor();
        await page.getByRole('main').waitFor();
        await expectAccessible(page, 'login page');
      });
      await desk.step('login', () => desk.login('admin@demo.carnet.fr'));
      await desk.step('invite', async () => {
        await page.goto(`${adminUrl()}/#/users/create`);
        await page.getByLabel('E-mail').fill(INVITED);
        await page.getByLabel('Nom affiché').fill('Invitée du test');
        await page.getByRole('combobox', { name: 'Rôle' }).click();
        await page.getByRole('option', { name: 'Personnel du lieu' }).click();
        await page
          .getByRole('combobox', { name: 'Organisation' })
          .fill('Espace public numérique de Liévin');
        await page
          .getByRole('option', { name: 'Espace public numérique de Liévin' })
          .first()
          .click();
        await page.getByText('Laissez vide pour envoyer une invitation').waitFor();
        await expectAccessible(page, 'user creation');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/#\/users$/);
      });
      await desk.step('resend', async () => {
        await page.goto(`${adminUrl()}/#/users?filter=${encodeURIComponent('{"q":"invitee"}')}`);
        await page.getByRole('cell', { name: INVITED }).waitFor();
        await page.getByRole('button', { name: 'Renvoyer l’invitation' }).click();
        await page.getByText(`Invitation envoyée à ${INVITED}.`).waitFor();
        await expectAccessible(page, 'user list with a pending invitation');
      });
      // Two e-mails: the first link was voided by the second.
      const mails = await mailsTo(INVITED, 2);
      expect(mails[1].subject).toBe('Votre compte Pass numérique : choisissez votre mot de passe');
      await phone.step('set password', () =>
        choosePasswordAndSignIn(phone.page, linkIn(mails[1]), 'mon-premier-mot-de-passe'),
      );
      await phone.step('logout', () => phone.logout());
      await desk.step('no longer pending', async () => {
        await page.reload();
        await page.getByRole('cell', { name: INVITED }).waitFor();
        expect(await page.getByRole('button', { name: 'Renvoyer l’invitation' }).count()).toBe(0);
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'resets a forgotten password from the sign-in page',
    async () => {
      const { page } = phone;
      await phone.step('login page', async () => {
        await page.goto(adminUrl());
        await page.getByRole('heading', { level: 1, name: PROGRAMME_TITLE }).waitFor();
        await checkPhone(page, 'login page on a phone');
      });
      await phone.step('forgot', async () => {
        await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
        await page.getByRole('heading', { level: 2, name: 'Mot de passe oublié' }).waitFor();
        await checkPhone(page, 'forgotten password');
        await page.getByLabel('Adresse e-mail').fill(INVITED);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.getByText('Si un compte actif utilise cette adresse').waitFor();
        await checkPhone(page, 'forgotten password sent');
      });
      const reset = (await mailsTo(INVITED, 3))[2];
      expect(reset.subject).toBe('Pass numérique : réinitialisation de votre mot de passe');
      await phone.step('new password', () =>
        choosePasswordAndSignIn(page, linkIn(reset), 'mon-nouveau-mot-de-passe'),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
