import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestClient } from '#src/access/auth.decorators.js';
import { AuditService } from '#src/audit/audit.service.js';
import { AppConfig } from '#src/config/app-config.js';
import { AccessTokenSigner } from './access-token.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { LoginDto } from './dto/login.dto.js';
import type { TokenResponseDto } from './dto/token-response.dto.js';
import { LoginAttempts } from './login-attempts.js';
import { PasswordHasher } from './password-hasher.js';
import type { RefreshToken } from './refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { equalHex, randomSecret, sha256Hex } from './secrets.js';
import { SessionsRepository } from './sessions.repository.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

type RefreshOutcome = { kind: 'rotated'; tokens: TokenResponseDto } | { kind: 'reused' };

const AUTH_ACTOR = { type: 'system', name: 'auth' } as const;

/** Sessions of people: login, rotating refresh tokens, logout. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Key of the successor secrets (see successorSecret), derived from JWT_SECRET. */
  private readonly successorKey: Buffer;
  /** Key of the client fingerprints (see fingerprintOf), derived from JWT_SECRET. */
  private readonly fingerprintKey: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly signer: AccessTokenSigner,
    private readonly passwords: PasswordHasher,
    private readonly attempts: LoginAttempts,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.successorKey = Buffer.from(
      hkdfSync('sha256', config.JWT_SECRET, '', 'carnet refresh-token successor v1', 32),
    );
    this.fingerprintKey = Buffer.from(
      hkdfSync('sha256', config.JWT_SECRET, '', 'carnet refresh-token client v1', 32),
    );
  }

  /**
   * Opens a session. The attempt is counted against the account before the password is checked
   * (LoginAttempts); the password check itself waits for a slot of the PasswordHasher.
   */
  async login(credentials: LoginDto, client: RequestClient): Promise<TokenResponseDto> {
    const attempt = await this.attempts.begin(credentials.email, client.ip);
    const user = await this.users.findByEmail(credentials.email);
    // An invited user without a password yet cannot sign in; the decoy keeps the timing alike.
    const valid = user?.passwordHash
      ? await this.passwords.verify(user.passwordHash, credentials.password)
      : await this.passwords.verifyDecoy(credentials.password);
    if (!user || !valid || !user.active) {
      if (user && attempt.waitSeconds > 0) {
        await this.audit.record(this.dataSource.manager, AUTH_ACTOR, {
          action: 'auth.login-locked',
          entityType: 'user',
          entityId: user.id,
          after: {
            attempts: attempt.attempts,
            waitSeconds: attempt.waitSeconds,
            scope: attempt.scope,
            ip: client.ip,
          },
        });
      }
      throw new AuthException(AuthExceptionCode.INVALID_CREDENTIALS, 'Wrong e-mail or password.');
    }
    await this.attempts.succeeded(credentials.email, client.ip);
    await this.upgradeHash(user, credentials.password);
    await this.users.touchLastLogin(user.id);
    return this.dataSource.transaction(async (manager) => {
      const sessionId = randomUUID();
      await this.sessions.insert(manager, { id: sessionId, userId: user.id });
      return this.issuePair(manager, user, sessionId, randomSecret(), new Date());
    });
  }

  /**
   * Exchanges a refresh token for a new pair. A token already used means it leaked (or a client
   * replayed it): the whole session is closed, which logs out every holder of it at their next
   * request. Except for a double submit: the same client presenting it again within
   * REFRESH_REUSE_GRACE_SECONDS of its rotation, while the new token is still unused, gets the
   * very same pair again (parallel refreshes queue on the session's row lock and all land here);
   * each such answer is audited (auth.refresh-replayed). A session closed meanwhile (logout, a
   * password change) refuses every token of it.
   */
  async refresh(presented: string, client: RequestClient): Promise<TokenResponseDto> {
    const { id, secret } = parseRefreshToken(presented);
    const usedBy = this.fingerprintOf(client);
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const locked = await this.refreshTokens.lockForUse(manager, id);
      const token = locked?.token;
      if (
        !token ||
        !equalHex(token.secretHash, sha256Hex(secret)) ||
        token.revokedAt !== null ||
        !locked.session ||
        locked.session.revokedAt !== null
      ) {
        throw invalidRefreshToken();
      }
      if (token.usedAt !== null) {
        const again = await this.sameSuccessor(manager, token, secret, usedBy);
        if (again) {
          // Not personal data: which session, which token; never the client's address.
          await this.audit.record(manager, AUTH_ACTOR, {
            action: 'auth.refresh-replayed',
            entityType: 'user',
            entityId: token.userId,
            after: { familyId: token.familyId, tokenId: token.id },
          });
          return { kind: 'rotated', tokens: again };
        }
        const revoked = await this.refreshTokens.revokeFamily(manager, token.familyId);
        await this.sessions.revoke(manager, token.familyId);
        await this.audit.record(manager, AUTH_ACTOR, {
          action: 'auth.refresh-token-reused',
          entityType: 'user',
          entityId: token.userId,
          after: { familyId: token.familyId, revokedTokens: revoked },
        });
        return { kind: 'reused' };
      }
      if (token.expiresAt.getTime() <= Date.now()) {
        throw new AuthException(
          AuthExceptionCode.REFRESH_TOKEN_EXPIRED,
          'The session has expired.',
        );
      }
      const user = await this.users.findById(token.userId, manager);
      if (!user?.active) throw invalidRefreshToken();
      const usedAt = new Date();
      const successorId = randomUUID();
      await this.refreshTokens.markUsed(manager, token.id, { usedAt, successorId, usedBy });
      return {
        kind: 'rotated',
        tokens: await this.issuePair(
          manager,
          user,
          token.familyId,
          this.successorSecret(token.id, secret),
          usedAt,
          successorId,
        ),
      };
    });
    if (outcome.kind === 'reused') {
      this.logger.warn(`Refresh token ${id} was reused: its session was revoked`);
      throw new AuthException(
        AuthExceptionCode.REFRESH_TOKEN_REUSED,
        'This refresh token was already used; the session has been closed for safety.',
      );
    }
    return outcome.tokens;
  }

  /**
   * Ends the session the refresh token belongs to: its refresh tokens and its access tokens stop
   * working at once. Unknown tokens are ignored (idempotent).
   */
  async logout(presented: string): Promise<void> {
    const { id, secret } = parseRefreshToken(presented);
    await this.dataSource.transaction(async (manager) => {
      const token = (await this.refreshTokens.lockForUse(manager, id))?.token;
      if (!token || !equalHex(token.secretHash, sha256Hex(secret))) return;
      await this.refreshTokens.revokeFamily(manager, token.familyId);
      await this.sessions.revoke(manager, token.familyId);
    });
  }

  /**
   * Closes every session of a user, in the caller's transaction: their refresh tokens and access
   * tokens stop working. For changes after which the old sessions must not go on (password, role,
   * deactivation); returns how many sessions were open.
   */
  closeAllSessions(manager: EntityManager, userId: string): Promise<number> {
    return this.refreshTokens.revokeAllOfUser(manager, userId);
  }

  /**
   * Deletes refresh tokens expired for more than a day (kept that long to explain a late reuse),
   * then the sessions left without any token.
   */
  async purgeExpiredRefreshTokens(now = new Date()): Promise<number> {
    const deleted = await this.refreshTokens.deleteExpired(
      new Date(now.getTime() - 24 * 3600 * 1000),
    );
    await this.sessions.deleteWithoutTokens();
    return deleted;
  }

  /**
   * The pair a replay within the grace window answers, or null when the replay must count as a
   * reuse: too late, from another client, or the successor already used or revoked.
   */
  private async sameSuccessor(
    manager: EntityManager,
    token: RefreshToken,
    secret: string,
    usedBy: string,
  ): Promise<TokenResponseDto | null> {
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    if (token.usedAt === null || token.successorId === null || token.usedBy === null) return null;
    if (Date.now() - token.usedAt.getTime() > graceMs || !equalHex(token.usedBy, usedBy)) {
      return null;
    }
    const successor = await this.refreshTokens.findById(token.successorId, manager);
    if (!successor || successor.usedAt !== null || successor.revokedAt !== null) return null;
    const user = await this.users.findById(token.userId, manager);
    if (!user?.active) return null;
    const successorSecret = this.successorSecret(token.id, secret);
    if (!equalHex(successor.secretHash, sha256Hex(successorSecret))) return null;
    return this.pairOf(user, token.familyId, successor.id, successorSecret, token.usedAt);
  }

  /**
   * The secret of the token that succeeds token `id`, re-derivable from that token's own secret:
   * HMAC-SHA256 under a key derived (HKDF) from JWT_SECRET. This is what lets a replay within
   * the grace window answer the same refresh token although only hashes are stored. Sound because
   * computing it needs both the presented secret (which the database never holds) and the server
   * key (which whoever holds could forge access tokens anyway); the output is 256 bits that look
   * random to anyone else, as good as randomSecret(). Rotating JWT_SECRET only breaks replays in
   * flight during the rotation.
   */
  private successorSecret(id: string, secret: string): string {
    return createHmac('sha256', this.successorKey).update(`${id}.${secret}`).digest('base64url');
  }

  /**
   * Who used a refresh token: only compared, never shown. Keyed (HMAC under a key derived from
   * JWT_SECRET) so that a copy of the database does not let anyone test guesses of IP and
   * User-Agent against it.
   */
  private fingerprintOf(client: RequestClient): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(`${client.ip}\n${client.userAgent}`)
      .digest('hex');
  }

  /** Stores a new refresh token of the session and signs the access token that goes with it. */
  private async issuePair(
    manager: EntityManager,
    user: User,
    sessionId: string,
    secret: string,
    issuedAt: Date,
    tokenId = randomUUID(),
  ): Promise<TokenResponseDto> {
    await this.refreshTokens.insert(manager, {
      id: tokenId,
      familyId: sessionId,
      userId: user.id,
      secretHash: sha256Hex(secret),
      expiresAt: new Date(
        issuedAt.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000,
      ),
    });
    return this.pairOf(user, sessionId, tokenId, secret, issuedAt);
  }

  private async pairOf(
    user: User,
    sessionId: string,
    tokenId: string,
    secret: string,
    issuedAt: Date,
  ): Promise<TokenResponseDto> {
    return {
      accessToken: await this.signer.forUser(user, { sessionId, tokenId, issuedAt }),
      refreshToken: `${tokenId}.${secret}`,
      expiresIn: this.signer.ttl,
    };
  }

  /** Re-hashes a password stored with older argon2 parameters, now that we know it. */
  private async upgradeHash(user: User, password: string): Promise<void> {
    if (user.passwordHash === null || !this.passwords.needsRehash(user.passwordHash)) return;
    try {
      await this.users.updatePasswordHash(user.id, await this.passwords.hash(password));
    } catch (error) {
      // Not worth failing a sign-in for: the next one tries again.
      this.logger.warn(`Could not upgrade the password hash of ${user.id}: ${String(error)}`);
    }
  }
}

function invalidRefreshToken(): AuthException {
  return new AuthException(
    AuthExceptionCode.INVALID_REFRESH_TOKEN,
    'This refresh token is not valid.',
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseRefreshToken(presented: string): { id: string; secret: string } {
  const [id, secret, ...rest] = presented.split('.');
  if (!id || !secret || rest.length > 0 || !UUID.test(id)) throw invalidRefreshToken();
  return { id, secret };
}
