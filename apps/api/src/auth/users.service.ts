import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRoleAllowedInOrganisation, type OrganisationKind, type Role } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { fieldsOutsideSelfService } from '#src/access/self-service.js';
import { AuditService } from '#src/audit/audit.service.js';
import { AccountLinksService } from './account-links.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { AuthService } from './auth.service.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto.js';
import { OrganisationException, OrganisationExceptionCode } from './organisation.exception.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import type { User } from './user.entity.js';
import { UserException, UserExceptionCode } from './user.exception.js';
import { UsersRepository } from './users.repository.js';

const SORTABLE = {
  email: 'email',
  displayName: 'displayName',
  role: 'role',
  createdAt: 'createdAt',
} as const;

/** User management by the programme owner's administrators. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly accountLinks: AccountLinksService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<User>> {
    return paginate(query, SORTABLE, { email: 'ASC' }, (order, skip, take) =>
      this.users.findPage(query.filter ?? {}, order, skip, take),
    );
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(id);
    return user;
  }

  /**
   * Creates a user. Without a password (the admin's way), the user gets no usable password and an
   * invitation e-mail with a single-use link to choose one, sent once the user is committed;
   * refused with MAIL_NOT_CONFIGURED (409) when no mail server is configured. With a password (kept for
   * API clients of the contract and scripts), no e-mail is sent.
   */
  async create(actor: Principal, input: CreateUserDto): Promise<User> {
    const email = input.email.toLowerCase();
    const passwordHash =
      input.password === undefined ? null : await this.passwords.hash(input.password);
    const { user, invitationId } = await this.dataSource.transaction(async (manager) => {
      const organisation = await this.organisations.findById(input.organisationId, manager);
      if (!organisation) {
        throw new OrganisationException(
          OrganisationExceptionCode.ORGANISATION_NOT_FOUND,
          `No organisation ${input.organisationId}.`,
        );
      }
      assertRoleFits(input.role, organisation.kind);
      if (await this.users.emailExists(manager, email)) {
        throw new UserException(
          UserExceptionCode.EMAIL_ALREADY_USED,
          `${email} already has an account.`,
        );
      }
      if (passwordHash === null) this.accountLinks.assertCanInvite();
      const user = await this.users.save(
        manager,
        this.users.create(manager, {
          email,
          displayName: input.displayName,
          passwordHash,
          role: input.role,
          organisationId: organisation.id,
          active: true,
          lastLoginAt: null,
        }),
      );
      user.organisation = organisation;
      const invitation =
        passwordHash === null
          ? await this.accountLinks.create(manager, user.id, 'INVITATION')
          : null;
      await this.audit.record(manager, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: {
          ...auditView(user),
          ...(invitation
            ? { invitationSent: true, invitationExpiresAt: invitation.expiresAt }
            : {}),
        },
      });
      return { user, invitationId: invitation?.id ?? null };
    });
    if (invitationId) await this.accountLinks.enqueueMail(invitationId);
    return user;
  }

  /**
   * Sends a new invitation to a user who has not chosen a password yet; the links sent before stop
   * working. Refused for a user who already has a password (they use « Mot de passe oublié ? »)
   * or is disabled.
   */
  async resendInvitation(actor: Principal, id: string): Promise<User> {
    const { user, invitationId } = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(id, manager);
      if (!user) throw notFound(id);
      if (!user.active) {
        throw new UserException(
          UserExceptionCode.USER_DISABLED,
          `${user.email} is disabled: enable the account before inviting.`,
        );
      }
      if (user.passwordHash !== null) {
        throw new UserException(
          UserExceptionCode.INVITATION_NOT_NEEDED,
          `${user.email} has already chosen a password: they can use the forgotten-password link.`,
        );
      }
      this.accountLinks.assertCanInvite();
      const invitation = await this.accountLinks.create(manager, user.id, 'INVITATION');
      await this.audit.record(manager, actor, {
        action: 'user.invitation-sent',
        entityType: 'user',
        entityId: user.id,
        after: { email: user.email, invitationExpiresAt: invitation.expiresAt },
      });
      return { user, invitationId: invitation.id };
    });
    await this.accountLinks.enqueueMail(invitationId);
    return user;
  }

  /**
   * Changes a user. A new password, another role or a deactivation closes all their sessions in
   * the same transaction (their own current one included): a stolen refresh token stops with it.
   */
  async update(actor: Principal, id: string, input: UpdateUserDto): Promise<User> {
    const passwordHash =
      input.password === undefined ? undefined : await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const user = await this.users.findById(id, manager);
      if (!user?.organisation) throw notFound(id);
      const before = auditView(user);
      if (actor.type === 'user' && actor.id === user.id) {
        // One's own account is a self-service record (self-service.ts): name and password only.
        const refused = fieldsOutsideSelfService('user', actor, input, user);
        if (refused.length > 0) {
          throw new UserException(
            UserExceptionCode.CANNOT_DEMOTE_OR_DISABLE_SELF,
            `You cannot change your own ${refused.join(', ')}: ask another administrator.`,
          );
        }
      }
      if (input.role !== undefined) assertRoleFits(input.role, user.organisation.kind);
      if (input.displayName !== undefined) user.displayName = input.displayName;
      if (input.role !== undefined) user.role = input.role;
      if (input.active !== undefined) user.active = input.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      const saved = await this.users.save(manager, user);
      // A password given by an administrator voids the links still open (invitation, reset).
      if (passwordHash !== undefined) await this.accountLinks.revokeOpen(manager, user.id);
      const closeSessions =
        passwordHash !== undefined ||
        saved.role !== before.role ||
        (before.active && !saved.active);
      const closedSessions = closeSessions ? await this.auth.closeAllSessions(manager, user.id) : 0;
      await this.audit.record(manager, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        before,
        after: {
          ...auditView(saved),
          ...(passwordHash ? { passwordChanged: true } : {}),
          ...(closedSessions > 0 ? { closedSessions } : {}),
        },
      });
      return saved;
    });
  }
}

function assertRoleFits(role: Role, kind: OrganisationKind): void {
  if (!isRoleAllowedInOrganisation(role, kind)) {
    throw new UserException(
      UserExceptionCode.ROLE_NOT_ALLOWED_IN_ORGANISATION,
      `The role ${role} does not exist in an organisation of kind ${kind}.`,
    );
  }
}

function notFound(id: string): UserException {
  return new UserException(UserExceptionCode.USER_NOT_FOUND, `No user ${id}.`);
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(
  user: User,
): Pick<User, 'email' | 'displayName' | 'role' | 'organisationId' | 'active'> {
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
    active: user.active,
  };
}
