import { createHmac, hkdfSync } from 'node:crypto';
import { householdKeyInput } from '@carnet/domain';
import { Injectable } from '@nestjs/common';
import { AppConfig } from './app-config.js';

/**
 * The household key: HMAC-SHA-256 of a household's normalised postal address (and household
 * name, when given) under a key derived from HOUSEHOLD_SECRET (HKDF-SHA-256, as ChequeKeys does).
 * Only the key is stored; the address never is, so it cannot be recovered from the database.
 */
@Injectable()
export class HouseholdKey {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.HOUSEHOLD_SECRET, 'carnet', 'carnet/household-key/v1', 32),
    );
  }

  of(address: string, householdName?: string | null): Buffer {
    return createHmac('sha256', this.key)
      .update(householdKeyInput(address, householdName))
      .digest();
  }
}
