import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDev } from 'maildev';
import { freePort } from './ports.js';

/** An e-mail as maildev's REST API gives it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string; name: string }[];
  from: { address: string; name: string }[];
}

export interface MailCatcher {
  /** What the API's SMTP_URL is set to. */
  smtpUrl: string;
  /** Every e-mail received so far, oldest first. */
  all(): Promise<CaughtMail[]>;
  /** The e-mails to `address`, waiting up to `timeoutMs` until there are at least `count`. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

/**
 * A real local SMTP server (maildev, a devDependency) for the tests of e-mails, on free ports of
 * 127.0.0.1; the e-mails are read back through its REST API, as a person would in its inbox.
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const smtpPort = await freePort();
  const webPort = await freePort();
  const mailDirectory = mkdtempSync(join(tmpdir(), 'carnet-test-mail-'));
  const maildev = new MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    mailDirectory,
    silent: true,
  });
  await maildev.start();
  const all = async (): Promise<CaughtMail[]> => {
    const response = await fetch(`http://127.0.0.1:${webPort}/api/email`);
    if (!response.ok) throw new Error(`maildev answered ${response.status}`);
    return (await response.json()) as CaughtMail[];
  };
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    all,
    async waitFor(address, count = 1, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mails = (await all()).filter((m) =>
          m.to.some((to) => to.address.toLowerCase() === address.toLowerCase()),
        );
        if (mails.length >= count) return mails;
        if (Date.now() > deadline) {
          throw new Error(`Expected ${count} e-mail(s) to ${address}, got ${mails.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await maildev.stop();
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}

/** The token at the end of the link `${PUBLIC_URL}/#/mot-de-passe/<token>` of an e-mail. */
export function linkToken(mail: CaughtMail): string {
  const match = /\/#\/mot-de-passe\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`No password link in the e-mail « ${mail.subject} »`);
  return match[1];
}
