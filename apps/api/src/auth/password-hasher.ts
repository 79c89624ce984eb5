import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-level memory cost) for passwords and client secrets. */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password: verifying against it costs the same as a real check. */
  private readonly decoy = argon2.hash('decoy-password-for-unknown-accounts');

  hash(secret: string): Promise<string> {
    return argon2.hash(secret, { type: argon2.argon2id });
  }

  verify(hash: string, secret: string): Promise<boolean> {
    return argon2.verify(hash, secret);
  }

  /** Spends the time of a verification when there is no account, so timing reveals nothing. */
  async verifyDecoy(secret: string): Promise<false> {
    await argon2.verify(await this.decoy, secret);
    return false;
  }
}
