import type { Mail } from '#src/mail/mail.service.js';
import type { AccountLinkKind } from './account-link.entity.js';

export interface AccountLinkMailInput {
  kind: AccountLinkKind;
  to: string;
  displayName: string;
  /** The link to open: `${PUBLIC_URL}/#/mot-de-passe?jeton=…`. */
  url: string;
  expiresAt: Date;
  /** The programme owner's name, e.g. « Communauté d'agglomération de Lens-Liévin ». */
  ownerName: string | null;
}

export const PRODUCT_NAME = 'Pass numérique';

/** The French e-mail of an invitation or of a password reset, as plain text and simple HTML. */
export function accountLinkMail(input: AccountLinkMailInput): Mail {
  const programme = input.ownerName ? `${PRODUCT_NAME} — ${input.ownerName}` : PRODUCT_NAME;
  const until = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(input.expiresAt);
  const invitation = input.kind === 'INVITATION';
  const subject = invitation
    ? `Votre compte ${PRODUCT_NAME} : choisissez votre mot de passe`
    : `${PRODUCT_NAME} : réinitialisation de votre mot de passe`;
  const intro = invitation
    ? `Un compte a été créé pour vous sur l'outil de gestion du ${programme}, avec l'identifiant ${input.to}.`
    : `Une réinitialisation du mot de passe de votre compte ${input.to} (${programme}) a été demandée.`;
  const action = invitation
    ? 'Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien :'
    : 'Pour choisir un nouveau mot de passe, ouvrez ce lien :';
  const validity = `Ce lien ne sert qu'une fois et expire le ${until}.`;
  const outro = invitation
    ? "Si vous n'attendiez pas cette invitation, ignorez ce message."
    : "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.";
  const text = [
    `Bonjour ${input.displayName},`,
    '',
    intro,
    '',
    action,
    input.url,
    '',
    validity,
    outro,
    '',
    `— ${programme}`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: Arial, sans-serif; color: #1a1a1a; line-height: 1.5">',
    `<p>Bonjour ${escapeHtml(input.displayName)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p>${escapeHtml(action)}</p>`,
    `<p><a href="${escapeHtml(input.url)}" style="color: #0b4f9c">${
      invitation ? 'Choisir mon mot de passe' : 'Choisir un nouveau mot de passe'
    }</a></p>`,
    `<p>Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(input.url)}</p>`,
    `<p>${escapeHtml(validity)}<br>${escapeHtml(outro)}</p>`,
    `<p>— ${escapeHtml(programme)}</p>`,
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html };
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
