import type { ApiClientScope, OrganisationKind, Role } from '../choices';

const roles: Record<Role, string> = {
  ADMIN: 'Administrateur',
  PROGRAMME_MANAGER: 'Gestionnaire de programme',
  FINANCE_OFFICER: 'Agent financier',
  FUNDER_VIEWER: 'Financeur (lecture)',
  COMMUNE_REFERENT: 'Référent communal',
  PRESCRIBER_AGENT: 'Agent prescripteur',
  VENUE_STAFF: 'Personnel du lieu',
};

const organisationKinds: Record<OrganisationKind, string> = {
  OWNER: 'Porteur du programme',
  FUNDER: 'Financeur',
  COMMUNE: 'Commune',
  PRESCRIBER: 'Structure prescriptrice',
  VENUE: 'Lieu de médiation numérique',
};

const scopes: Record<ApiClientScope, string> = {
  'cheques:check': 'Vérifier des chèques',
  'redemptions:write': 'Encaisser des chèques',
  'redemptions:read': 'Consulter les encaissements',
};

/** Carnet's own French messages, merged over ra-language-french. */
export const carnetFrenchMessages = {
  ra: {
    page: {
      dashboard: 'Accueil',
    },
  },
  carnet: {
    roles,
    organisationKinds,
    scopes,
    dashboard: {
      welcome: 'Bienvenue, %{name}',
      roleAt: '%{role} — %{organisation}',
      intro:
        'Carnet vous permet de piloter le Pass numérique : financeurs, communes, prescripteurs, ' +
        'lieux de médiation et remboursements.',
    },
    auth: {
      sessionExpired: 'Votre session a expiré, veuillez vous reconnecter.',
      loginFailed: 'Identifiant ou mot de passe incorrect.',
    },
    users: {
      newPassword: 'Nouveau mot de passe',
      newPasswordHelp: 'Laisser vide pour conserver le mot de passe actuel.',
      activeHelp: 'Un compte inactif ne peut plus se connecter.',
    },
    apiClients: {
      active: 'Actif',
      revoked: 'Révoqué',
      revoke: 'Révoquer',
      revokeTitle: 'Révoquer le client « %{name} » ?',
      revokeContent:
        "Les applications qui utilisent ce client ne pourront plus appeler l'API. " +
        'Cette action est définitive.',
      revokedNotice: "Client d'API révoqué",
      createdTitle: "Client d'API créé",
      secretWarning: 'Copiez ce secret maintenant : il ne sera plus affiché.',
      copy: 'Copier',
      copied: 'Copié dans le presse-papiers',
      copyFailed: 'Copie impossible : sélectionnez le texte et copiez-le à la main.',
      secretCopied: "J'ai copié le secret",
    },
  },
  resources: {
    users: {
      name: 'Utilisateur |||| Utilisateurs',
      fields: {
        id: 'Identifiant',
        q: 'Rechercher',
        email: 'E-mail',
        displayName: 'Nom affiché',
        password: 'Mot de passe',
        role: 'Rôle',
        organisationId: 'Organisation',
        organisationName: 'Organisation',
        active: 'Actif',
        createdAt: 'Créé le',
        lastLoginAt: 'Dernière connexion',
      },
    },
    'api-clients': {
      name: "Client d'API |||| Clients d'API",
      fields: {
        id: 'Identifiant',
        q: 'Rechercher',
        name: 'Nom',
        clientId: 'Identifiant client',
        clientSecret: 'Secret client',
        organisationId: 'Organisation',
        organisationName: 'Organisation',
        scopes: 'Portées',
        createdAt: 'Créé le',
        revokedAt: 'Révoqué le',
        revoked: 'Révoqué',
        status: 'État',
      },
    },
    organisations: {
      name: 'Organisation |||| Organisations',
      fields: {
        name: 'Nom',
        kind: 'Type',
      },
    },
  },
};
