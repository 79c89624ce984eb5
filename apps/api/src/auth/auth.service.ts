import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { AppConfig } from '#src/config/app-config.js';
import { AccessTokenSigner } from './access-token.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { LoginDto } from './dto/login.dto.js';
import type { TokenResponseDto } from './dto/token-response.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { equalHex, randomSecret, sha256Hex } from './secrets.js';
import { UsersRepository } from './users.repository.js';

type RefreshOutcome = { kind: 'rotated'; tokens: TokenResponseDto } | { kind: 'reused' };

/** Sessions of people: login, rotating refresh tokens, logout. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly signer: AccessTokenSigner,
    private readonly passwords: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async login(credentials: LoginDto): Promise<TokenResponseDto> {
    const user = await this.users.findByEmail(credentials.email);
    const valid = user
      ? await this.passwords.verify(user.passwordHash, credentials.password)
      : await this.passwords.verifyDecoy(credentials.password);
    if (!user || !valid || !user.active) {
      throw new AuthException(AuthExceptionCode.INVALID_CREDENTIALS, 'Wrong e-mail or password.');
    }
    await this.users.touchLastLogin(user.id);
    return this.dataSource.transaction(async (manager) => {
      const refreshToken = await this.newRefreshToken(manager, user.id, randomUUID());
      return {
        accessToken: await this.signer.forUser(user),
        refreshToken,
        expiresIn: this.signer.ttl,
      };
    });
  }

  /**
   * Exchanges a refresh token for a new pair. A token already used means it leaked (or a client
   * replayed it): the whole family is revoked, which logs out every holder of that session.
   */
  async refresh(presented: string): Promise<TokenResponseDto> {
    const { id, secret } = parseRefreshToken(presented);
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const token = await this.refreshTokens.findByIdForUpdate(manager, id);
      if (!token || !equalHex(token.secretHash, sha256Hex(secret)) || token.revokedAt !== null) {
        throw invalidRefreshToken();
      }
      if (token.usedAt !== null) {
        const revoked = await this.refreshTokens.revokeFamily(manager, token.familyId);
        await this.audit.record(
          manager,
          { type: 'system', name: 'auth' },
          {
            action: 'auth.refresh-token-reused',
            entityType: 'user',
            entityId: token.userId,
            after: { familyId: token.familyId, revokedTokens: revoked },
          },
        );
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
      await this.refreshTokens.markUsed(manager, token.id);
      const refreshToken = await this.newRefreshToken(manager, user.id, token.familyId);
      return {
        kind: 'rotated',
        tokens: {
          accessToken: await this.signer.forUser(user),
          refreshToken,
          expiresIn: this.signer.ttl,
        },
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

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (idempotent). */
  async logout(presented: string): Promise<void> {
    const { id, secret } = parseRefreshToken(presented);
    const token = await this.refreshTokens.findById(id);
    if (!token || !equalHex(token.secretHash, sha256Hex(secret))) return;
    await this.dataSource.transaction((manager) =>
      this.refreshTokens.revokeFamily(manager, token.familyId),
    );
  }

  /** Deletes refresh tokens expired for more than a day (kept that long to explain a late reuse). */
  purgeExpiredRefreshTokens(now = new Date()): Promise<number> {
    return this.refreshTokens.deleteExpired(new Date(now.getTime() - 24 * 3600 * 1000));
  }

  private async newRefreshToken(
    manager: Parameters<RefreshTokensRepository['insert']>[0],
    userId: string,
    familyId: string,
  ): Promise<string> {
    const id = randomUUID();
    const secret = randomSecret();
    await this.refreshTokens.insert(manager, {
      id,
      familyId,
      userId,
      secretHash: sha256Hex(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000),
      usedAt: null,
      revokedAt: null,
    });
    return `${id}.${secret}`;
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
