import { Module } from '@nestjs/common';
import { MailService } from './mail.service.js';

/** Outgoing e-mail (SMTP_URL). */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
