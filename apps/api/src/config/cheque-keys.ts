import { hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from './app-config.js';

/**
 * The two keys derived from CHEQUE_SECRET (HKDF-SHA-256, one label each): one for the keyed hash
 * of security codes, one for the encryption of print files. Neither is ever stored. Next to the
 * config that holds the secret, as cheques, issuance and files all use them.
 */
@Injectable()
export class ChequeKeys {
  readonly codeHashKey: Buffer;
  readonly printFileKey: Buffer;

  constructor(config: AppConfig) {
    this.codeHashKey = derive(config.CHEQUE_SECRET, 'carnet/cheque-code-hash/v1');
    this.printFileKey = derive(config.CHEQUE_SECRET, 'carnet/print-file/v1');
  }
}

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'carnet', label, 32));
}
