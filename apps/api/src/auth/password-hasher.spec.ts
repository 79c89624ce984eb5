import { loadConfig } from '#src/config/app-config.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { PasswordHasher } from './password-hasher.js';

/** Made by the `argon2` npm package (0.45, its defaults) that this project used before. */
const LEGACY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$XvvsqtH8T8ZyyrQrZst7uw$ATn0htTpwmLyD/67yXNtOEJtffsFpM6g2uB2j17tZGk';

function hasher(overrides: Record<string, string> = {}): PasswordHasher {
  return new PasswordHasher(
    loadConfig({
      DATABASE_URL: 'postgres://localhost/unused',
      REDIS_URL: 'redis://localhost',
      JWT_SECRET: 'x'.repeat(32),
      CHEQUE_SECRET: 'y'.repeat(32),
      HOUSEHOLD_SECRET: 'z'.repeat(32),
      ...overrides,
    }),
  );
}

describe('PasswordHasher', () => {
  it('hashes with argon2id and verifies', async () => {
    const passwords = hasher();
    const hash = await passwords.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwords.verify(hash, 'correct horse')).toBe(true);
    expect(await passwords.verify(hash, 'wrong horse')).toBe(false);
    expect(passwords.needsRehash(hash)).toBe(false);
  });

  it('verifies the hashes stored by the former argon2 package, and asks to upgrade them', async () => {
    const passwords = hasher();
    expect(await passwords.verify(LEGACY_HASH, 'demo-carnet')).toBe(true);
    expect(await passwords.verify(LEGACY_HASH, 'demo-carnetx')).toBe(false);
    expect(passwords.needsRehash(LEGACY_HASH)).toBe(true);
  });

  it('answers AUTH_BUSY with Retry-After when every slot and the waiting line are taken', async () => {
    const passwords = hasher({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '1' });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => passwords.verify(LEGACY_HASH, 'demo-carnet')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      const error = r.reason as AuthException;
      expect(error).toBeInstanceOf(AuthException);
      expect(error.code).toBe(AuthExceptionCode.AUTH_BUSY);
      expect(error.retryAfterSeconds).toBe(1);
    }
  });
});
