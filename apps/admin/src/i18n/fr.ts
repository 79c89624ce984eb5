import type {
  ApiClientScope,
  FunderKind,
  OrganisationKind,
  ProgrammeStatus,
  Role,
} from '../choices';

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

const funderKinds: Record<FunderKind, string> = {
  STATE: 'État',
  EU_FUND: 'Fonds européen',
  REGION: 'Région',
  DEPARTMENT: 'Département',
  EPCI: 'EPCI',
  COMMUNE: 'Commune',
  CAF: 'CAF',
  PENSION_FUND: 'Caisse de retraite',
  BANK: 'Banque',
  POSTAL_OPERATOR: 'Opérateur postal',
  COMPANY: 'Entreprise',
  ASSOCIATION: 'Association',
  OTHER: 'Autre',
};

const programmeStatuses: Record<ProgrammeStatus, string> = {
  DRAFT: 'Brouillon',
  ACTIVE: 'Actif',
  CLOSED: 'Clôturé',
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
    funderKinds,
    programmeStatuses,
    total: 'Total',
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
    funders: {
      siretHelp: '14 chiffres, facultatif.',
      siretShape: 'Le SIRET compte 14 chiffres.',
    },
    communes: {
      import: 'Importer des communes',
      importTitle: 'Importer des communes',
      importHelp:
        'Les communes viennent du code officiel géographique. Importer de nouveau met à jour ' +
        'les noms, codes postaux et populations.',
      byEpci: 'Par EPCI (SIREN)',
      byDepartement: 'Par département',
      epciSirenLabel: "SIREN de l'EPCI",
      epciSirenHelp: '9 chiffres, par exemple 246200364 (CA de Lens-Liévin).',
      departementLabel: 'Code du département',
      departementHelp: 'Par exemple 62, 2A ou 974.',
      importSubmit: 'Importer',
      imported:
        '%{smart_count} commune : %{created} créée(s), %{updated} mise(s) à jour, ' +
        '%{unchanged} inchangée(s) |||| ' +
        '%{smart_count} communes : %{created} créée(s), %{updated} mise(s) à jour, ' +
        '%{unchanged} inchangée(s)',
    },
    programmes: {
      tabs: {
        general: 'Général',
        funders: 'Financeurs',
        enrolments: 'Communes adhérentes',
        criteria: 'Critères',
        allocation: 'Répartition',
        budget: 'Budget',
      },
      sections: {
        dates: 'Dates',
        carnets: 'Carnets et budget',
      },
      termsFrozen: "Imprimé sur les chèques : ne change plus après l'activation.",
      eligiblePublicsHelp: 'Saisissez un public puis Entrée, par exemple « Seniors ».',
      days: '%{smart_count} jour |||| %{smart_count} jours',
      carnetValue: "Valeur d'un carnet",
      budgetInCarnets: 'Carnets finançables',
      activate: {
        button: 'Activer',
        title: 'Activer le programme « %{name} » ?',
        content:
          'Les parts des financeurs doivent totaliser 100 %. Une fois actif, la valeur faciale ' +
          'et le nombre de chèques par carnet ne peuvent plus changer.',
        done: 'Programme activé',
      },
      close: {
        button: 'Clôturer',
        title: 'Clôturer le programme « %{name} » ?',
        content: 'Un programme clôturé ne change plus. Cette action est définitive.',
        done: 'Programme clôturé',
      },
    },
    shares: {
      edit: 'Modifier la répartition',
      none: "Aucun financeur n'est encore rattaché à ce programme.",
      incomplete: 'Les parts totalisent %{total} : il faut exactement 100 % pour activer.',
      funder: 'Financeur',
      share: 'Part',
      percent: 'Part (%)',
      budgetPart: 'Part du budget',
      liveTotal: 'Total : %{total}',
      missing: 'il manque %{gap}',
      excess: '%{gap} de trop',
      budgetSplit: 'Le budget de %{budget} sera réparti au centime près.',
      duplicate: 'Un financeur figure deux fois.',
      twoDecimals: 'Deux décimales au plus.',
      saved: 'Parts des financeurs enregistrées',
    },
    enrolments: {
      count: '%{smart_count} commune adhérente |||| %{smart_count} communes adhérentes',
      addButton: 'Ajouter une commune',
      addTitle: 'Ajouter une commune',
      editTitle: 'Adhésion de %{commune}',
      add: 'Ajouter',
      added: 'Commune ajoutée au programme',
      updated: 'Adhésion enregistrée',
      referents: 'Référents',
      editOne: "Modifier l'adhésion de %{commune}",
      download: 'Télécharger la délibération',
      upload: 'Déposer la délibération (PDF)',
      replace: 'Remplacer la délibération (PDF)',
      uploaded: 'Délibération de %{commune} enregistrée',
      noDocument: 'Aucun PDF',
      conventionPending: 'Non signée',
    },
    criteria: {
      names: {
        qpvPopulation: 'Population en QPV',
        population: 'Population',
      },
      count: '%{smart_count} commune renseignée |||| %{smart_count} communes renseignées',
      none: "Aucun critère n'a encore été importé.",
      importButton: 'Importer un CSV',
      importTitle: 'Importer les critères (CSV)',
      importHelp:
        'Une ligne par commune adhérente, avec son code INSEE puis un critère par colonne. ' +
        'Séparateur virgule ou point-virgule ; décimales à la française acceptées. ' +
        "L'import remplace tous les critères ; à la moindre erreur, rien n'est enregistré.",
      chooseFile: 'Choisir un fichier',
      noFile: 'Aucun fichier choisi',
      importSubmit: 'Importer',
      errors: 'Lignes refusées',
      imported:
        'Critères importés pour %{smart_count} commune |||| ' +
        'Critères importés pour %{smart_count} communes',
    },
    allocation: {
      plannerTitle: 'Nouvelle répartition',
      totalCarnets: 'Nombre total de carnets',
      fixedPerCommune: 'Part fixe par commune',
      fixedHelp: 'Carnets pour chaque commune, quels que soient ses critères.',
      weightOf: 'Poids : %{criterion}',
      worth: 'Soit %{value} pour un budget de %{budget}.',
      wholeNumber: 'Un nombre entier positif.',
      noCriteria:
        "Aucun critère n'est importé : importez-les dans l'onglet « Critères » avant de répartir.",
      preview: 'Prévisualiser',
      commit: 'Valider la répartition',
      committed: 'Répartition validée : version %{version} en vigueur',
      previewTitle: 'Aperçu : %{total} carnets, %{value}',
      previewOutdated:
        'Les paramètres ont changé depuis cet aperçu : prévisualisez de nouveau avant de valider.',
      commune: 'Commune',
      fixed: 'Part fixe',
      variable: 'Part variable',
      total: 'Total',
      change: 'Évolution',
      new: 'nouvelle',
      explanation:
        '%{criterion} : %{value} (%{share} du total) × poids %{weight} = %{contribution}',
      exactVariable: 'Part variable exacte %{exact}, arrondie à %{rounded}',
      chart: 'Carnets par commune',
      inForceTitle: 'Répartition en vigueur : version %{version} (%{total} carnets)',
      inForceDetail: 'Part fixe de %{fixed} carnets par commune ; valeur totale %{value}.',
      noneInForce: 'Aucune répartition en vigueur',
      versions: 'Versions',
      noVersion: "Aucune répartition n'a encore été validée.",
      version: 'Version',
      createdAt: 'Validée le',
      weights: 'Pondérations',
      state: 'État',
      inForce: 'En vigueur',
      supersededAt: 'Remplacée le %{date}',
    },
    budget: {
      budget: 'Budget',
      allocated: 'Alloué',
      remaining: 'Reste',
      used: '%{share} du budget est alloué.',
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
    programmes: {
      name: 'Programme |||| Programmes',
      fields: {
        q: 'Rechercher',
        name: 'Nom',
        territoryLabel: 'Territoire',
        status: 'Statut',
        startDate: 'Début',
        endDate: 'Fin',
        validityEndDate: 'Fin de validité des chèques',
        graceDays: 'Délai de grâce (jours)',
        faceValueCents: "Valeur faciale d'un chèque",
        chequesPerCarnet: 'Chèques par carnet',
        budgetCents: 'Budget',
        maxCarnetsPerHousehold: 'Carnets par foyer (max.)',
        eligiblePublics: 'Publics éligibles',
        payableServices: 'Services payables',
        createdAt: 'Créé le',
      },
    },
    funders: {
      name: 'Financeur |||| Financeurs',
      fields: {
        q: 'Rechercher',
        name: 'Nom',
        kind: 'Type',
        siret: 'SIRET',
        contactName: 'Contact',
        contactEmail: 'E-mail du contact',
        contactPhone: 'Téléphone du contact',
        createdAt: 'Créé le',
      },
    },
    communes: {
      name: 'Commune |||| Communes',
      fields: {
        q: 'Rechercher',
        inseeCode: 'Code INSEE',
        name: 'Nom',
        postalCodes: 'Codes postaux',
        population: 'Population',
        departement: 'Département',
        epciName: 'EPCI',
        epciSiren: "SIREN de l'EPCI",
        siren: 'SIREN',
        updatedAt: 'Mise à jour',
      },
    },
    enrolments: {
      name: 'Adhésion |||| Adhésions',
      fields: {
        communeName: 'Commune',
        inseeCode: 'Code INSEE',
        deliberationDate: 'Délibération du',
        deliberationReference: 'Réf. délibération',
        hasDeliberationDocument: 'Délibération (PDF)',
        conventionSignedOn: 'Convention signée le',
        referents: 'Référents',
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
