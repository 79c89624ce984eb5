import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { UserPrincipal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { AppConfig } from '#src/config/app-config.js';
import { MailService } from '#src/mail/mail.service.js';
import { QUEUES } from '#src/queues/queues.js';
import type { AccountLink, AccountLinkKind } from './account-link.entity.js';
import { accountLinkMail } from './account-link-mail.js';
import { AccountLinksRepository } from './account-links.repository.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { AuthService } from './auth.service.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { sha256Hex } from './secrets.js';
import { UserException, UserExceptionCode } from './user.exception.js';
import { UsersRepository } from './users.repository.js';

const AUTH_ACTOR = { type: 'system', name: 'auth' } as const;
/** A second reset e-mail to one account within this delay is not sent (no mail bombing). */
const RESET_MAIL_INTERVAL_MS = 60 * 1000;
/**
 * « Mot de passe oublié ? » answers after this long at least: making and queuing a link takes a
 * few milliseconds more than finding no account, which a caller could otherwise time.
 */
const RESET_ANSWER_MS = 400;
/** Tokens are 32 bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface SendAccountLinkJob {
  linkId: string;
}

/**
 * Single-use links sent by e-mail to set a password: invitations of new users and « Mot de passe
 * oublié ? ». A link's token is HMAC-SHA256(linkId) under a key derived (HKDF) from JWT_SECRET:
 * 256 bits no one can compute without the server key, re-derivable by the worker from the id the
 * mail job carries, so that the token is never stored (only its SHA-256), queued, logged nor
 * audited. Creating a link voids the older open links of the same kind; using one voids all.
 */
@Injectable()
export class AccountLinksService {
  private readonly logger = new Logger(AccountLinksService.name);
  private readonly tokenKey: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly links: AccountLinksRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly passwords: PasswordHasher,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @InjectQueue(QUEUES.auth.name) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.tokenKey = Buffer.from(
      hkdfSync('sha256', config.JWT_SECRET, '', 'carnet account-link v1', 32),
    );
  }

  /** Refuses up front what cannot be sent: an invitation without a mail server. */
  assertCanInvite(): void {
    if (!this.mail.configured) {
      throw new UserException(
        UserExceptionCode.MAIL_NOT_CONFIGURED,
        'No mail server is configured (SMTP_URL): give an initial password, or configure SMTP_URL to send invitations.',
      );
    }
  }

  /**
   * A new link for the user, in the caller's transaction, voiding their older open links of the
   * same kind. Send its e-mail with `enqueueMail` once the transaction has committed.
   */
  async create(
    manager: EntityManager,
    userId: string,
    kind: AccountLinkKind,
  ): Promise<Pick<AccountLink, 'id' | 'expiresAt'>> {
    await this.links.revokeOpen(manager, userId, kind);
    const id = randomUUID();
    const ttlMs =
      kind === 'INVITATION'
        ? this.config.INVITATION_TTL_DAYS * 24 * 3600 * 1000
        : this.config.PASSWORD_RESET_TTL_MINUTES * 60 * 1000;
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.links.insert(manager, {
      id,
      userId,
      kind,
      tokenHash: sha256Hex(this.tokenOf(id)),
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    return { id, expiresAt };
  }

  /** Voids the user's open links (a password set another way). */
  async revokeOpen(manager: EntityManager, userId: string): Promise<void> {
    await this.links.revokeOpen(manager, userId);
  }

  /**
   * Queues the e-mail of a committed link: retried 5 times from 10 s, seen on the queue board.
   * The link is committed already: when Redis refuses the job, the caller's account still exists
   * (its invitation stays pending, « Renvoyer l'invitation » sends it again), so the refusal is
   * logged, by the link's id alone, and not answered as an error.
   */
  async enqueueMail(linkId: string): Promise<boolean> {
    const data: SendAccountLinkJob = { linkId };
    try {
      await this.queue.add(QUEUES.auth.jobs.sendAccountLink, data, {
        jobId: `account-link-${linkId}`,
        attempts: 5,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
      });
      return true;
    } catch (error) {
      this.logger.error(
        `The e-mail of account link ${linkId} could not be queued (${error instanceof Error ? error.message : String(error)}): send it again from the admin`,
      );
      return false;
    }
  }

  /**
   * « Mot de passe oublié ? »: the caller always gets the same answer. If an active account has
   * this e-mail, a reset link is made and mailed (at most one a minute per account).
   */
  async requestPasswordReset(email: string): Promise<void> {
    // Always the same time to answer, so that it does not tell an account from none either.
    const started = Date.now();
    try {
      await this.resetIfActive(email);
    } finally {
      const left = RESET_ANSWER_MS - (Date.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  private async resetIfActive(email: string): Promise<void> {
    const user = await this.users.findByEmail(email.trim());
    if (!user?.active) return;
    if (!this.mail.configured) {
      this.logger.warn(
        `A password reset was asked for user ${user.id}, but no mail server is configured (SMTP_URL): no e-mail sent`,
      );
      return;
    }
    const latest = await this.links.latestCreatedAt(user.id, 'PASSWORD_RESET');
    if (latest && Date.now() - latest.getTime() < RESET_MAIL_INTERVAL_MS) return;
    const link = await this.dataSource.transaction(async (manager) => {
      const created = await this.create(manager, user.id, 'PASSWORD_RESET');
      await this.audit.record(manager, AUTH_ACTOR, {
        action: 'auth.password-reset-requested',
        entityType: 'user',
        entityId: user.id,
        after: { expiresAt: created.expiresAt },
      });
      return created;
    });
    await this.enqueueMail(link.id);
  }

  /**
   * Sets the password of the link's user and spends the link: every other open link of theirs is
   * voided and every session closed (a reset must lock out whoever knew the old password).
   */
  async setPassword(token: string, password: string): Promise<void> {
    const tokenHash = TOKEN.test(token) ? sha256Hex(token) : null;
    // Checked before hashing, so that a wrong token costs no argon2; checked again under lock.
    const found = tokenHash ? await this.links.findByTokenHash(tokenHash) : null;
    const checked = assertUsable(found);
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const link = assertUsable(await this.links.findByTokenHash(checked.tokenHash, manager, true));
      const user = await this.users.findById(link.userId, manager);
      if (!user?.active || !user.organisation) throw invalidLink();
      user.passwordHash = passwordHash;
      await this.users.save(manager, user);
      await this.links.markUsed(manager, link.id);
      await this.links.revokeOpen(manager, user.id);
      const closedSessions = await this.auth.closeAllSessions(manager, user.id);
      const self: UserPrincipal = {
        type: 'user',
        id: user.id,
        email: user.email,
        role: user.role,
        organisationId: user.organisationId,
        organisationKind: user.organisation.kind,
      };
      await this.audit.record(manager, self, {
        action: link.kind === 'INVITATION' ? 'auth.invitation-accepted' : 'auth.password-reset',
        entityType: 'user',
        entityId: user.id,
        after: { passwordChanged: true, ...(closedSessions > 0 ? { closedSessions } : {}) },
      });
    });
  }

  /**
   * The mail job: sends the link's e-mail, unless the link can no longer be used (spent, voided
   * by a newer one, expired, account disabled), in which case there is nothing to send.
   */
  async sendMail(linkId: string): Promise<{ sent: boolean }> {
    const link = await this.links.findById(linkId);
    const user = link?.user;
    if (!link || !user?.active || link.usedAt || link.revokedAt || link.expiresAt <= new Date()) {
      return { sent: false };
    }
    const owner = await this.organisations.findOwner();
    await this.mail.send(
      accountLinkMail({
        kind: link.kind,
        to: user.email,
        displayName: user.displayName,
        url: `${this.config.PUBLIC_URL}/#/mot-de-passe/${this.tokenOf(link.id)}`,
        expiresAt: link.expiresAt,
        ownerName: owner?.name ?? null,
      }),
    );
    return { sent: true };
  }

  private tokenOf(linkId: string): string {
    return createHmac('sha256', this.tokenKey).update(linkId).digest('base64url');
  }
}

function assertUsable(link: AccountLink | null): AccountLink {
  if (!link || link.revokedAt) throw invalidLink();
  if (link.usedAt) {
    throw new AuthException(AuthExceptionCode.ACCOUNT_LINK_USED, 'This link was already used.');
  }
  if (link.expiresAt.getTime() <= Date.now()) {
    throw new AuthException(AuthExceptionCode.ACCOUNT_LINK_EXPIRED, 'This link has expired.');
  }
  return link;
}

function invalidLink(): AuthException {
  return new AuthException(
    AuthExceptionCode.ACCOUNT_LINK_INVALID,
    'This link is not valid (unknown, or replaced by a newer one).',
  );
}
