import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '#src/config/app-config.js';

/** One e-mail: French plain text, and the same as simple HTML. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends e-mail through the SMTP server of SMTP_URL (nodemailer). Without SMTP_URL nothing can be
 * sent: `configured` is false and callers decide (the API then refuses invitations, and answers
 * password-reset requests alike but logs that no mail went out). Sending is the worker's job
 * (a BullMQ job after the database commit), so a refused send is retried and shows on the queue
 * board; `send` throws on any SMTP error for that reason.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(mail: Mail): Promise<void> {
    if (!this.config.SMTP_URL) {
      throw new Error('No mail server is configured (SMTP_URL is empty): the e-mail was not sent');
    }
    this.transport ??= createTransport(this.config.SMTP_URL);
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
