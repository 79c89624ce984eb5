import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import {
  missingRoleExample,
  type ProblemExample,
  UNAUTHENTICATED_EXAMPLE,
} from '#src/common/api-problems.js';

/** « Mot de passe oublié ? » */
export class PasswordResetRequestDto {
  /** The e-mail the account signs in with. @example "agent.ccas@lens.fr" */
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** The answer to a password-reset request, whether an account has this e-mail or not. */
export class PasswordResetAcceptedDto {
  /**
   * @example "Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe."
   */
  message!: string;
}

/** The link of an invitation or password-reset e-mail, and the password chosen. */
export class SetPasswordDto {
  /** The token at the end of the link received by e-mail. @example "q3JrN0c1…" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  /** The new password: at least 12 characters. @example "correct-horse-battery" */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

/** What the sign-in page names: the product and the programme owner. */
export class SignInInfoDto {
  /** @example "Pass numérique" */
  productName!: string;
  /** The programme owner, null before the first organisation exists. @example "Communauté d'agglomération de Lens-Liévin" */
  ownerName!: string | null;
}

/** Refusals of a link to set one's password. */
export const SET_PASSWORD_PROBLEMS: readonly ProblemExample[] = [
  {
    code: 'VALIDATION_FAILED',
    summary: 'No token, or a password shorter than 12 characters.',
    detail: 'Some fields are invalid.',
    errors: [
      { field: 'password', message: 'password must be longer than or equal to 12 characters' },
    ],
  },
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  {
    code: 'AUTH_BUSY',
    summary: 'Too many passwords are being hashed right now: retry after Retry-After.',
    detail: 'Too many sign-ins are being checked right now: try again in a moment.',
  },
  {
    code: 'ACCOUNT_LINK_INVALID',
    summary: 'Unknown token, a link replaced by a newer one, or a disabled account.',
    detail: 'This link is not valid (unknown, or replaced by a newer one).',
  },
  {
    code: 'ACCOUNT_LINK_EXPIRED',
    summary: 'The link is older than its validity (7 days for an invitation, 1 hour for a reset).',
    detail: 'This link has expired.',
  },
  {
    code: 'ACCOUNT_LINK_USED',
    summary: 'The link already set a password: it works once.',
    detail: 'This link was already used.',
  },
];

const BAD_ID: ProblemExample = {
  code: 'VALIDATION_FAILED',
  summary: 'An id in the path is not a UUID.',
  detail: 'Some fields are invalid.',
  errors: [{ field: 'id', message: 'must be a UUID' }],
};

/** Refusals of POST /users/{id}/invitation. */
export function userInvitationProblems(): ProblemExample[] {
  return [
    BAD_ID,
    UNAUTHENTICATED_EXAMPLE,
    missingRoleExample('ADMIN'),
    {
      code: 'USER_NOT_FOUND',
      summary: 'No such user.',
      detail: 'No user 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f.',
    },
    ...INVITATION_PROBLEMS,
  ];
}

/** Refusals of POST /prescribers/{id}/agents/{userId}/invitation. */
export function agentInvitationProblems(): ProblemExample[] {
  return [
    BAD_ID,
    UNAUTHENTICATED_EXAMPLE,
    missingRoleExample('PROGRAMME_MANAGER', 'COMMUNE_REFERENT'),
    {
      code: 'PRESCRIBER_NOT_FOUND',
      summary: 'No such structure, or one of another commune than the référent’s.',
      detail: 'No prescriber structure 2a4c6e80-1b3d-4f5a-8c7e-9d0f1a2b3c4d.',
    },
    {
      code: 'AGENT_NOT_FOUND',
      summary: 'No such agent in this structure.',
      detail: 'No agent 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f in this structure.',
    },
    {
      code: 'USER_NOT_FOUND',
      summary: 'The agent was removed meanwhile.',
      detail: 'No user 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f.',
    },
    ...INVITATION_PROBLEMS,
  ];
}

/** Refusals of an invitation (re)sent. */
export const INVITATION_PROBLEMS: readonly ProblemExample[] = [
  {
    code: 'MAIL_NOT_CONFIGURED',
    summary: 'The API has no mail server (SMTP_URL): give an initial password instead.',
    detail:
      'No mail server is configured (SMTP_URL): give an initial password, or configure SMTP_URL to send invitations.',
  },
  {
    code: 'INVITATION_NOT_NEEDED',
    summary: 'The user has already chosen a password.',
    detail:
      'agent.ccas@lens.fr has already chosen a password: they can use the forgotten-password link.',
  },
  {
    code: 'USER_DISABLED',
    summary: 'The user is disabled.',
    detail: 'agent.ccas@lens.fr is disabled: enable the account before inviting.',
  },
];
