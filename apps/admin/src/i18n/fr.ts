import type {
  AgeBand,
  ApiClientScope,
  BankAccountStatus,
  BatchStatus,
  BeneficiarySituation,
  CarnetStatus,
  ChequeCancellationReason,
  ChequeStatus,
  ConsentScope,
  Equipment,
  FunderKind,
  HoldReason,
  HolderKind,
  IssuanceStatus,
  LineStatus,
  MovementKind,
  NotPayableReason,
  OnlineProcedure,
  OrganisationKind,
  PrescriberType,
  ProgrammeStatus,
  QualificationCriterion,
  QualificationStatus,
  RedemptionStatus,
  Role,
  TrainingTopic,
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
  VENUE_NETWORK: 'Réseau de lieux de médiation',
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

const qualificationStatuses: Record<QualificationStatus, string> = {
  APPLIED: 'Candidature',
  UNDER_REVIEW: 'En instruction',
  QUALIFIED: 'Qualifié',
  SUSPENDED: 'Suspendu',
  WITHDRAWN: 'Retiré',
};

const qualificationCriteria: Record<QualificationCriterion, string> = {
  LEGAL_IDENTITY_CHECKED: 'Identité juridique vérifiée (SIRET/RNA)',
  TRAINED_MEDIATORS: 'Médiateurs numériques formés',
  WORKSHOP_OFFER: "Offre d'ateliers d'1 à 2 h",
  PUBLIC_OPENING_HOURS: "Horaires d'ouverture au public",
  ACCESSIBLE_PREMISES: 'Locaux accessibles',
  EQUIPMENT_AND_CONNECTION: 'Équipement et connexion',
  CHARTER_SIGNED: 'Charte du Pass numérique signée',
};

const bankAccountStatuses: Record<BankAccountStatus, string> = {
  PENDING: 'En attente',
  VERIFIED: 'Vérifié',
  REJECTED: 'Refusé',
};

const prescriberTypes: Record<PrescriberType, string> = {
  CCAS: "CCAS (centre communal d'action sociale)",
  CENTRE_SOCIAL: 'Centre social',
  BIBLIOTHEQUE: 'Bibliothèque, médiathèque',
  MAIRIE: 'Mairie',
  MAISON_DE_QUARTIER: 'Maison de quartier',
  ASSOCIATION: 'Association',
  MISSION_LOCALE: 'Mission locale',
  FRANCE_SERVICES: 'France services',
  TRAVAILLEUR_SOCIAL: 'Travailleur social',
};

const trainingTopics: Record<TrainingTopic, string> = {
  DIAGNOSTIC: 'Diagnostic des besoins numériques',
  ORIENTATION: 'Orientation vers les lieux de médiation',
  PASS_USAGE: 'Utilisation du Pass numérique',
  DATA_PROTECTION: 'Protection des données personnelles',
  DIGITAL_BASICS: 'Bases du numérique',
};

const issuanceStatuses: Record<IssuanceStatus, string> = {
  QUEUED: 'En attente',
  RUNNING: 'En cours',
  PRINTING: 'Impression en cours',
  DONE: 'Terminée',
  FAILED: 'Échec',
};

const carnetStatuses: Record<CarnetStatus, string> = {
  ACTIVE: 'Actif',
  CANCELLED: 'Annulé',
};

const ageBands: Record<AgeBand, string> = {
  UNDER_26: 'Moins de 26 ans',
  '26_44': '26 à 44 ans',
  '45_59': '45 à 59 ans',
  '60_74': '60 à 74 ans',
  '75_PLUS': '75 ans et plus',
};

const situations: Record<BeneficiarySituation, string> = {
  RETRAITE: 'Retraité ou retraitée',
  MINIMA_SOCIAUX: 'Touche un minimum social (RSA, AAH, ASPA…)',
  DEMANDEUR_EMPLOI: 'Cherche un emploi (inscrit à France Travail ou non)',
  JEUNE: 'Jeune de moins de 26 ans (études, insertion)',
  SALARIE: 'Salarié ou salariée',
  AUTRE: 'Autre situation',
};

const consentScopes: Record<ConsentScope, string> = {
  FOLLOW_UP: 'Être recontactée par notre structure pour le suivi de son accompagnement',
  PROGRAMME_INFORMATION:
    'Recevoir des nouvelles du Pass numérique (ateliers, rappel avant la fin de validité)',
};

const onlineProcedures: Record<OnlineProcedure, string> = {
  CAF: 'CAF (allocations, APL, prime d’activité)',
  FRANCE_TRAVAIL: 'France Travail (emploi)',
  ASSURANCE_MALADIE: 'Assurance maladie (compte ameli)',
  RETRAITE: 'Retraite',
  ANTS: 'Carte d’identité, passeport, permis, carte grise',
  IMPOTS: 'Impôts',
  ENERGIE: 'Électricité, gaz, chèque énergie',
  BANQUE: 'Banque en ligne',
  SANTE: 'Rendez-vous médicaux en ligne',
  OTHER: 'Une autre démarche',
};

const equipment: Record<Equipment, string> = {
  NONE: 'Aucun équipement',
  PHONE: 'Un smartphone',
  COMPUTER: 'Un ordinateur',
  TABLET: 'Une tablette',
  INTERNET: 'Internet à la maison',
};

/** Autonomy 1–4, as an agent would say it to the person. */
const autonomy: Record<1 | 2 | 3 | 4, string> = {
  1: 'N’utilise pas les outils numériques, même avec de l’aide',
  2: 'Fait des gestes simples (appeler, lire un SMS), avec de l’aide',
  3: 'Se débrouille au quotidien, mais bloque sur les démarches en ligne',
  4: 'Autonome : a besoin de conseils ponctuels',
};

const holderKinds: Record<HolderKind, string> = {
  PROGRAMME: 'Stock du programme',
  COMMUNE: 'Commune',
  PRESCRIBER: 'Structure prescriptrice',
  BENEFICIARY: 'Bénéficiaire',
};

/** A carnet's reasons are the first four; the fifth marks the surplus cheques of a replacement. */
const cancellationReasons: Record<ChequeCancellationReason, string> = {
  LOST: 'Perte',
  STOLEN: 'Vol',
  DAMAGED: 'Détérioration',
  WITHDRAWN: 'Retrait',
  REPLACEMENT_SURPLUS: 'Surplus du carnet de remplacement',
};

const chequeStatuses: Record<ChequeStatus, string> = {
  ISSUED: 'Émis',
  DISTRIBUTED: 'Remis au bénéficiaire',
  REDEEMED: 'Encaissé',
  IN_BATCH: 'En remboursement',
  REIMBURSED: 'Remboursé',
  CANCELLED: 'Annulé',
  EXPIRED: 'Expiré',
};

const notPayableReasons: Record<NotPayableReason, string> = {
  PROGRAMME_NOT_ACTIVE:
    "Le programme de ce chèque n'est pas (ou plus) actif : il ne peut pas être accepté.",
  NOT_HANDED_OUT:
    "Ce chèque n'a pas encore été remis à un bénéficiaire : il ne peut pas être accepté.",
  ALREADY_USED: 'Ce chèque a déjà été utilisé.',
  CANCELLED: 'Ce chèque a été annulé (perte, vol…) : il ne peut plus être accepté.',
  EXPIRED: 'Ce chèque a expiré.',
  PAST_VALIDITY: 'La date de validité de ce chèque est dépassée.',
  VENUE_NOT_QUALIFIED: "Votre lieu n'est pas qualifié pour accepter le Pass numérique.",
  NOT_A_VENUE:
    "Ce chèque est valable ; seul un lieu de médiation qualifié peut l'accepter en paiement.",
};

const redemptionStatuses: Record<RedemptionStatus, string> = {
  ACTIVE: 'Encaissé',
  CANCELLED: 'Annulé',
};

const movementKinds: Record<MovementKind, string> = {
  ISSUE: 'Émission',
  TRANSFER: 'Transfert',
  RETURN: 'Retour',
  HAND_OUT: 'Remise au bénéficiaire',
  HAND_BACK: 'Remise annulée, retour au stock de la structure',
  WRITE_OFF: 'Sortie de stock (annulation)',
  REPLACEMENT: 'Remplacement',
};

const batchStatuses: Record<BatchStatus, string> = {
  GENERATING: 'En préparation',
  DRAFT: 'À approuver',
  APPROVED: 'Approuvé',
  EXPORTED: 'Envoyé à la banque',
  PAID: 'Payé',
  PARTIALLY_PAID: 'Partiellement payé',
};

const batchLineStatuses: Record<LineStatus, string> = {
  PAYABLE: 'À payer',
  ON_HOLD: 'En attente',
  PAID: 'Payé',
  REJECTED: 'Rejeté par la banque',
};

/** Why a venue's line waits: read by finance officers and by the venue's own staff. */
const holdReasons: Record<HoldReason, string> = {
  VENUE_SUSPENDED:
    'Le lieu est suspendu du programme : il sera payé dans le lot qui suivra sa réintégration.',
  NO_VERIFIED_BANK_ACCOUNT:
    "Le lieu n'a pas de coordonnées bancaires vérifiées : il sera payé dans le lot qui suivra " +
    'leur vérification par un agent financier.',
  BANK_REJECTED_TRANSFER:
    'La banque a rejeté un virement vers le compte actuel du lieu : de nouvelles coordonnées ' +
    'bancaires doivent être saisies et vérifiées avant tout nouveau paiement.',
};

/**
 * The audit log's actions on a cheque, its carnet and its issuance run, for the cheque's
 * history. An action missing here shows as the API names it.
 */
const auditActions: Record<string, string> = {
  'issuance.requested': 'Émission demandée',
  'issuance.completed': 'Émission terminée',
  'issuance.print-regenerated': 'Codes de sécurité réémis',
  'issuance.print-downloaded': "Fichier d'impression téléchargé",
  'carnet.issue': 'Émission',
  'carnet.transfer': 'Transfert',
  'carnet.return': 'Retour',
  'carnet.hand-out': 'Remise au bénéficiaire',
  'carnet.hand-back': 'Remise annulée',
  'carnet.write-off': 'Sortie de stock',
  'carnet.replacement': 'Envoi en remplacement',
  'carnet.cancelled': 'Carnet annulé',
  'carnet.replacement-issued': 'Carnet de remplacement émis',
  'carnet.replaced': 'Carnet remplacé',
  'cheque.cancelled': 'Chèque annulé',
  'cheque.locked': 'Chèque bloqué après 5 codes de sécurité erronés',
  'cheque.unlocked': 'Chèque débloqué',
  'cheques.expired': 'Chèques expirés',
  'redemption.created': 'Chèques encaissés par un lieu',
  'redemption.cancelled': 'Encaissement annulé par le lieu',
  'venue-network.venue-added': 'Lieu ajouté à un réseau',
  'venue-network.venue-removed': 'Lieu retiré d’un réseau',
  'reimbursement-batch.created': 'Remboursement mensuel demandé',
  'reimbursement-batch.generated': 'Remboursement mensuel préparé',
  'reimbursement-batch.approved': 'Remboursement mensuel approuvé',
  'reimbursement-batch.export-requested': 'Export du remboursement demandé',
  'reimbursement-batch.exported': 'Fichiers du remboursement produits',
  'reimbursement-batch.file-downloaded': 'Fichier du remboursement téléchargé',
  'reimbursement-batch.payments-recorded': 'Paiements du remboursement enregistrés',
  'reimbursement-batch.closed': 'Remboursement clôturé',
  'user.created': 'Compte créé',
  'user.updated': 'Compte modifié',
  'user.invitation-sent': 'Invitation envoyée par e-mail',
  'auth.password-reset-requested': 'Réinitialisation du mot de passe demandée',
  'auth.invitation-accepted': 'Mot de passe choisi depuis l’invitation',
  'auth.password-reset': 'Mot de passe réinitialisé depuis le lien reçu par e-mail',
};

/**
 * The API's error codes (apps/api/src/common/error-codes.ts) in French: problem.ts shows these
 * instead of the API's English `detail`; a code missing here falls back to that detail.
 */
const errors: Record<string, string> = {
  // Common
  VALIDATION_FAILED: 'Certaines informations sont invalides : vérifiez les champs signalés.',
  NOT_FOUND: "L'élément demandé n'existe pas ou n'est plus accessible.",
  ROUTE_NOT_FOUND: "Cette adresse de l'API n'existe pas.",
  CONFLICT: "L'élément a été modifié entre-temps : rechargez la page puis recommencez.",
  IDEMPOTENCY_KEY_REUSED: 'Cette requête a déjà été envoyée avec un contenu différent.',
  IDEMPOTENCY_KEY_IN_USE:
    'La même demande est encore en cours de traitement : patientez quelques instants puis rechargez la page.',
  PAYLOAD_TOO_LARGE: 'Le fichier ou les données envoyés sont trop volumineux.',
  UNSUPPORTED_MEDIA_TYPE: "Ce type de fichier ou de contenu n'est pas accepté ici.",
  DATA_REJECTED:
    'Une valeur saisie est hors des limites permises ou incohérente : vérifiez le formulaire.',
  TOO_MANY_REQUESTS: 'Trop de requêtes : patientez quelques instants puis recommencez.',
  UNAUTHENTICATED: 'Votre session a expiré, veuillez vous reconnecter.',
  FORBIDDEN: "Vous n'avez pas les droits nécessaires pour cette action.",
  BAD_REQUEST: 'La requête est invalide.',
  INTERNAL_ERROR: 'Erreur interne du serveur : réessayez plus tard ou contactez le support.',
  // Authentication
  INVALID_CREDENTIALS: 'Identifiant ou mot de passe incorrect.',
  INVALID_REFRESH_TOKEN: 'Votre session n’est plus valide, veuillez vous reconnecter.',
  REFRESH_TOKEN_EXPIRED: 'Votre session a expiré, veuillez vous reconnecter.',
  REFRESH_TOKEN_REUSED:
    'Votre session a été utilisée ailleurs et a été fermée par sécurité : reconnectez-vous.',
  INVALID_CLIENT_CREDENTIALS: "Identifiant ou secret du client d'API incorrect.",
  TOO_MANY_LOGIN_ATTEMPTS:
    'Trop de tentatives de connexion pour ce compte : patientez quelques instants avant de réessayer.',
  AUTH_BUSY: 'Le service de connexion est très sollicité : réessayez dans quelques secondes.',
  SCOPE_NOT_GRANTED: "Ce client d'API n'a pas la portée demandée.",
  ACCOUNT_LINK_INVALID:
    "Ce lien n'est pas valable (il a peut-être été remplacé par un lien plus récent) : demandez-en un nouveau.",
  ACCOUNT_LINK_EXPIRED:
    'Ce lien a expiré : demandez une nouvelle invitation, ou utilisez « Mot de passe oublié ? ».',
  ACCOUNT_LINK_USED:
    'Ce lien a déjà servi : connectez-vous avec votre mot de passe, ou utilisez « Mot de passe oublié ? ».',
  // Users, organisations, API clients
  USER_NOT_FOUND: "Cet utilisateur n'existe pas.",
  EMAIL_ALREADY_USED: 'Cette adresse e-mail est déjà utilisée par un autre compte.',
  ROLE_NOT_ALLOWED_IN_ORGANISATION: "Ce rôle n'est pas possible dans cette organisation.",
  CANNOT_DEMOTE_OR_DISABLE_SELF:
    'Vous ne pouvez pas retirer vos propres droits ni vous désactiver.',
  INVITATION_NOT_NEEDED:
    'Cette personne a déjà choisi son mot de passe : elle peut utiliser « Mot de passe oublié ? ».',
  USER_DISABLED: "Ce compte est désactivé : réactivez-le avant d'envoyer une invitation.",
  MAIL_NOT_CONFIGURED:
    "Aucun serveur d'e-mail n'est configuré (SMTP_URL) : l'invitation ne peut pas être envoyée. Saisissez un mot de passe initial ou demandez à l'équipe technique de configurer l'envoi d'e-mails.",
  ORGANISATION_NOT_FOUND: "Cette organisation n'existe pas.",
  OWNER_ORGANISATION_EXISTS:
    "Il existe déjà une organisation porteuse du programme ; il ne peut y en avoir qu'une.",
  FIELD_NOT_SELF_SERVICE:
    'Seul le gestionnaire du programme peut modifier ces champs : ils décident des chèques acceptés.',
  API_CLIENT_NOT_FOUND: "Ce client d'API n'existe pas.",
  API_CLIENT_ORGANISATION_NOT_ALLOWED:
    "Un client d'API ne peut être rattaché qu'à un prescripteur ou un lieu de médiation.",
  API_CLIENT_ALREADY_REVOKED: "Ce client d'API est déjà révoqué.",
  // Funders and programmes
  FUNDER_NOT_FOUND: "Ce financeur n'existe pas.",
  SIRET_ALREADY_USED: 'Ce SIRET est déjà utilisé.',
  FUNDER_LOGO_NOT_FOUND: "Ce financeur n'a pas de logo.",
  PROGRAMME_NOT_FOUND: "Ce programme n'existe pas.",
  SHARES_NOT_100_PERCENT: 'Les parts des financeurs doivent totaliser exactement 100 %.',
  DUPLICATE_FUNDER_IN_SHARES: 'Un financeur figure deux fois dans la répartition.',
  PROGRAMME_NOT_ACTIVATABLE:
    'Le programme ne peut pas être activé : les parts des financeurs doivent totaliser 100 %.',
  PROGRAMME_TRANSITION_NOT_ALLOWED: "Ce changement d'état n'est pas possible pour ce programme.",
  PROGRAMME_CLOSED: 'Ce programme est clôturé : il ne peut plus être modifié.',
  PROGRAMME_DATES_INCONSISTENT:
    'La date de fin du programme ne peut pas précéder sa date de début.',
  PROGRAMME_TERMS_FROZEN:
    "La valeur faciale et le nombre de chèques par carnet ne changent plus après l'activation.",
  // Communes, enrolments, allocation
  COMMUNE_NOT_FOUND: "Cette commune n'existe pas dans le référentiel.",
  TERRITORY_NOT_FOUND: 'Ce territoire (EPCI ou département) est inconnu.',
  ALREADY_ENROLLED: 'Cette commune adhère déjà au programme.',
  ENROLMENT_NOT_FOUND: "Cette commune n'adhère pas au programme.",
  REFERENT_NOT_ALLOWED: "Ce référent n'appartient pas à cette commune.",
  DOCUMENT_NOT_FOUND: "Aucun document n'a été déposé.",
  CRITERIA_INVALID: 'Le fichier de critères contient des erreurs : aucune ligne importée.',
  ALLOCATION_INVALID: 'Les paramètres de la répartition sont invalides.',
  ALLOCATION_TOTAL_BELOW_FIXED_PARTS:
    'Le nombre total de carnets est inférieur à la somme des parts fixes.',
  ALLOCATION_NO_ENROLLED_COMMUNES: "Aucune commune n'adhère au programme : rien à répartir.",
  ALLOCATION_EXCEEDS_BUDGET: 'Cette répartition dépasse le budget du programme.',
  ALLOCATION_NOT_FOUND: "Aucune répartition n'est en vigueur.",
  // Documents
  DOCUMENT_NOT_PDF:
    "Le document doit être un fichier PDF lisible : celui-ci n'en est pas un ou est incomplet.",
  DOCUMENT_TOO_LARGE: 'Le document dépasse la taille maximale (10 Mo).',
  IMAGE_NOT_PNG_OR_JPEG: "Cette image n'est pas lisible : envoyez un fichier PNG ou JPEG.",
  IMAGE_TOO_LARGE: "L'image est trop grande : 1 Mo et 4 000 × 4 000 pixels au plus.",
  // Venues
  VENUE_NOT_FOUND: "Ce lieu de médiation n'existe pas ou ne vous est pas accessible.",
  INVALID_PIVOT:
    "Le SIRET (14 chiffres) ou le RNA (W suivi de 9 chiffres) est invalide, ou vous n'avez " +
    'pas le droit de le modifier.',
  QUALIFICATION_TRANSITION_NOT_ALLOWED: "Ce changement de statut n'est pas possible pour ce lieu.",
  QUALIFICATION_CHECKLIST_INCOMPLETE:
    'Pour qualifier le lieu, tous les critères de la grille doivent être remplis.',
  INVALID_IBAN: "L'IBAN est invalide (pays, longueur ou clé de contrôle).",
  INVALID_BIC: 'Le BIC est invalide (8 ou 11 caractères).',
  BANK_ACCOUNT_NOT_FOUND: "Aucune coordonnée bancaire n'a été saisie pour ce lieu.",
  BANK_ACCOUNT_ALREADY_DECIDED: 'Ces coordonnées bancaires ont déjà été vérifiées ou refusées.',
  BANK_ACCOUNT_CHANGED:
    'Ces coordonnées bancaires ou leur RIB ont changé depuis leur affichage : rechargez la page et vérifiez-les de nouveau.',
  BANK_ACCOUNT_DOCUMENT_MISSING:
    'Joignez le RIB avant de vérifier ces coordonnées bancaires : elles se vérifient sur le RIB.',
  FOUR_EYES_REQUIRED:
    'Un second agent financier doit valider : on ne vérifie pas les coordonnées bancaires ' +
    "qu'on a saisies, ni n'approuve un lot de remboursement qu'on a créé.",
  NO_PAYABLE_BANK_ACCOUNT:
    "Ce lieu n'a pas de coordonnées bancaires vérifiées : paiement impossible.",
  VENUE_IMPORT_INVALID:
    "Le fichier contient des erreurs : aucun lieu n'a été importé. Corrigez les lignes listées.",
  VENUE_NOT_YOURS:
    'Vous ne pouvez agir que pour votre propre lieu (ou, pour un réseau, pour les lieux du réseau).',
  VENUE_REQUIRED: 'Indiquez le lieu du réseau pour lequel vous agissez.',
  VENUE_NETWORK_NOT_FOUND: "Ce réseau de lieux n'existe pas.",
  ALLOCATION_BELOW_RECEIVED:
    "Une commune recevrait moins de carnets qu'elle n'en a déjà reçu : faites-lui d'abord " +
    'rendre des carnets au stock du programme.',
  // Prescribers
  PRESCRIBER_NOT_FOUND: "Cette structure prescriptrice n'existe pas ou ne vous est pas accessible.",
  // Issuance
  PROGRAMME_NOT_ISSUABLE: "Seul un programme actif peut émettre des carnets : activez-le d'abord.",
  ISSUANCE_EXCEEDS_BUDGET:
    'Cette émission dépasserait le budget du programme : réduisez le nombre de carnets.',
  ISSUANCE_TOO_LARGE:
    'Trop de carnets pour une seule émission : répartissez-les en plusieurs émissions.',
  ISSUANCE_NOT_FOUND: "Cette émission n'existe pas.",
  ISSUANCE_NOT_FINISHED:
    "Cette émission n'est pas terminée (carnets ou codes en cours de production) : ses carnets " +
    'pourront être transférés, et ses codes réémis, quand elle sera terminée.',
  PRESCRIBER_HOLDS_CARNETS:
    'Cette structure détient encore des carnets de sa commune : faites-les retourner avant de la rattacher à une autre commune.',
  ISSUANCE_ALREADY_DONE: 'Cette émission est déjà terminée : il n’y a rien à reprendre.',
  PRINT_FILE_NOT_FOUND:
    "Ce fichier d'impression n'est pas disponible : il est peut-être encore en production.",
  // Carnets and custody
  CARNET_NOT_FOUND:
    "Carnet introuvable : il n'existe pas, ou n'est pas sous votre garde. Pour une plage, " +
    'tous les numéros doivent exister.',
  CARNET_NOT_HELD:
    'Les carnets transférés doivent tous être actifs, du même programme et chez le même ' +
    "détenteur : rien n'a été transféré.",
  HOLDER_NOT_FOUND:
    'Destinataire introuvable : la commune doit adhérer au programme et la structure ' +
    'prescriptrice doit exister.',
  ALLOCATION_EXCEEDED:
    'Ce transfert donnerait à la commune plus de carnets que son allocation dans la ' +
    "répartition en vigueur : rien n'a été transféré.",
  STOCK_INSUFFICIENT: "Le stock du détenteur ne suffit pas : rien n'a été transféré.",
  TRANSFER_NOT_ALLOWED:
    "Ce mouvement n'est pas possible : les carnets vont du programme aux communes, des " +
    'communes à leurs structures prescriptrices, et reviennent par le même chemin.',
  TRANSFER_SELECTION_INVALID:
    'Plage invalide : le premier numéro doit être inférieur ou égal au dernier (50 000 ' +
    'carnets au plus).',
  // Cancellation and replacement
  CHEQUE_NOT_CANCELLABLE: 'Seul un chèque non utilisé (émis ou remis) peut être annulé.',
  CARNET_NOT_CANCELLABLE: 'Ce carnet est déjà annulé.',
  CARNET_NOT_REPLACEABLE:
    'Ce carnet ne peut pas être remplacé : il doit être annulé, pas encore remplacé, et avoir ' +
    'eu des chèques non utilisés.',
  PROGRAMME_STOCK_EMPTY:
    "Le stock du programme n'a plus de carnet pour le remplacement : émettez d'abord des carnets.",
  // Cheques
  INVALID_CHEQUE_NUMBER:
    "Ce numéro de chèque n'est pas valide : vérifiez la saisie (12 chiffres, le dernier est " +
    'une clé de contrôle).',
  CHEQUE_NOT_FOUND:
    'Aucun chèque ne correspond à ce numéro et à ce code de sécurité, ou votre lieu ne ' +
    "l'accepte pas.",
  // Prescriber structures, agents and trainings
  RNA_ALREADY_USED: 'Ce numéro RNA est déjà celui d’une autre structure prescriptrice.',
  SERVED_COMMUNE_NOT_FOUND:
    'Une des communes desservies est inconnue : importez-la ou vérifiez son code INSEE.',
  AGENT_NOT_FOUND: "Cet agent n'existe pas ou n'appartient pas à cette structure.",
  TRAINING_NOT_FOUND: "Cette formation n'existe pas ou ne vous est pas accessible.",
  TRAINING_DATE_IN_FUTURE:
    "Une formation s'enregistre une fois tenue : sa date ne peut pas être dans le futur.",
  TRAINING_ATTENDEE_NOT_AGENT:
    'Chaque participant doit être un agent prescripteur d’une structure que vous gérez.',
  AGENT_NOT_TRAINED:
    "Ce programme demande qu'un agent soit formé avant de remettre un carnet : inscrivez-le " +
    'à une formation.',
  TRAINING_SHARED:
    "Des agents d'autres communes ont suivi cette formation : seule l'équipe du programme peut " +
    'en changer la date, le formateur ou les thèmes. Vous pouvez modifier la liste de vos agents.',
  // Beneficiaries and diagnostics
  BENEFICIARY_NOT_FOUND: "Cette personne n'existe pas ou n'a pas été inscrite par votre structure.",
  BENEFICIARY_ALREADY_ERASED: 'Les données de cette personne ont déjà été effacées.',
  BENEFICIARY_ANONYMISED:
    'Les données de cette personne ont été effacées (à sa demande ou en fin de conservation) : ' +
    'sa fiche ne se modifie plus.',
  DIAGNOSTIC_REQUIRED:
    'Faites d’abord le diagnostic de cette personne : l’orientation part de ses besoins.',
  BENEFICIARY_NOT_ELIGIBLE:
    'Ce programme ne couvre pas cette personne (sa situation ou sa commune), ou son âge manque : ' +
    'indiquez une tranche d’âge ou une année de naissance.',
  BENEFICIARY_STRUCTURE_REQUIRED: 'Choisissez la structure qui inscrit cette personne.',
  STRUCTURE_NOT_IN_PROGRAMME:
    "Votre structure ne participe pas à ce programme, ou le programme n'est pas en cours.",
  CONTACT_CONSENT_REQUIRED:
    'Un téléphone ou un e-mail ne se garde qu’avec l’accord de la personne : indiquez ce à quoi ' +
    'elle a consenti.',
  DIAGNOSTIC_SERVICE_NOT_PAYABLE:
    'Un des besoins choisis ne fait pas partie des services que les chèques de ce programme paient.',
  // Hand-outs
  HAND_OUT_SELECTION_INVALID:
    'Indiquez le numéro imprimé sur la couverture du carnet (des chiffres), ou scannez un de ses chèques.',
  DIAGNOSTIC_NOT_FOUND: 'Choisissez un diagnostic de cette personne avant de remettre un carnet.',
  HOUSEHOLD_LIMIT_REACHED:
    'Ce foyer a déjà reçu un carnet de ce programme. Un gestionnaire du programme peut autoriser ' +
    'un second carnet, avec une justification écrite.',
  HOUSEHOLD_UNKNOWN:
    'Les données de cette personne ont été effacées : inscrivez-la à nouveau pour lui remettre un carnet.',
  CARNET_NOT_USABLE:
    "Ce carnet n'a plus de chèque valable (expirés ou annulés) : remettez-en un autre.",
  HAND_OUT_NOT_FOUND:
    "Ce carnet n'a pas été remis à cette personne, ou sa remise a déjà été annulée.",
  HAND_OUT_NOT_UNDOABLE:
    'Cette remise ne peut plus être annulée : plus de 24 heures ont passé, ou un chèque a déjà ' +
    'été utilisé.',
  // Redemptions
  CHEQUE_LOCKED:
    'Ce chèque est bloqué après cinq codes de sécurité erronés : le gestionnaire du programme ' +
    'peut le débloquer.',
  CHEQUE_NOT_LOCKED: "Ce chèque n'est pas bloqué.",
  CHEQUE_ALREADY_REDEEMED: 'Ce chèque a déjà été encaissé.',
  CHEQUE_NOT_HANDED_OUT:
    "Ce chèque n'a été remis à personne : il ne peut pas encore être encaissé.",
  CHEQUE_CANCELLED: 'Ce chèque est annulé (perdu, volé ou retiré) : il ne peut pas être encaissé.',
  CHEQUE_EXPIRED: 'Ce chèque est expiré.',
  CHEQUE_PAST_VALIDITY: 'La date de validité de ce chèque est dépassée.',
  PROGRAMME_NOT_ACTIVE: 'Le programme de ce chèque est clos : ses chèques ne sont plus payés.',
  PROGRAMME_NOT_SERVED:
    "Votre lieu n'accepte pas les chèques de ce programme : aucune de ses communes n'y adhère.",
  VENUE_NOT_QUALIFIED:
    "Votre lieu n'est pas qualifié (ou est suspendu) : il ne peut pas encaisser de chèques.",
  SERVICE_NOT_OFFERED: "Ce service ne fait pas partie de l'offre de votre lieu.",
  SERVICE_NOT_PAYABLE: 'Le programme ne paie pas ce service.',
  SERVICE_DATE_IN_FUTURE: "La date de l'accompagnement ne peut pas être dans le futur.",
  SERVICE_DATE_BEFORE_HAND_OUT:
    "La date de l'accompagnement est antérieure à la remise du carnet à la personne.",
  DUPLICATE_CHEQUE: 'Le même chèque figure deux fois dans la liste.',
  MIXED_PROGRAMMES:
    'Ces chèques relèvent de deux programmes différents : encaissez-les séparément.',
  SECURITY_CODE_REQUIRED: 'Saisissez le code de sécurité imprimé sur le chèque, ou scannez-le.',
  REDEMPTION_NOT_FOUND: "Cet encaissement n'existe pas ou ne vous est pas accessible.",
  REDEMPTION_NOT_CANCELLABLE:
    "Cet encaissement ne peut plus être annulé : il l'est déjà, plus de 24 heures ont passé, ou " +
    'il est déjà dans un remboursement.',
  REDEMPTION_CARNET_CANCELLED:
    "Cet encaissement ne peut plus être annulé : le carnet de l'un de ses chèques a été annulé " +
    '(perdu, volé ou remplacé) depuis. Le chèque reste encaissé.',
  REDEMPTION_NOT_YOURS:
    'Seul le lieu qui a encaissé peut annuler cet encaissement (son personnel, ou le logiciel ' +
    "qui l'a fait).",
  REDEMPTION_CANCELLED:
    'Cet encaissement a été annulé depuis (depuis un autre appareil du lieu) : ses chèques ne ' +
    'sont pas encaissés. Encaissez-les de nouveau si la personne les présente.',
  BATCH_NOT_FOUND: "Ce remboursement n'existe pas ou ne vous est pas accessible.",
  BATCH_ALREADY_EXISTS:
    'Un remboursement existe déjà pour ce programme et ce mois : ouvrez-le plutôt que d’en créer un autre.',
  PERIOD_NOT_OVER:
    'Ce mois n’est pas terminé : son remboursement se prépare à partir du 1er du mois suivant.',
  PROGRAMME_NOT_REIMBURSABLE:
    'Ce programme est en brouillon : il n’a encore aucun encaissement à rembourser.',
  BATCH_NOT_DRAFT:
    'Ce remboursement n’est plus à approuver : il est en préparation ou déjà approuvé.',
  BATCH_NOT_APPROVED: 'Ce remboursement doit d’abord être approuvé.',
  BATCH_NOT_EXPORTED:
    'Les fichiers de ce remboursement doivent d’abord être produits et envoyés à la banque.',
  LINE_NOT_PAYABLE:
    'Cette ligne n’attend pas de résultat de la banque : elle est en attente, déjà payée ou rejetée.',
  FILE_NOT_FOUND: "Ce fichier n'existe pas ou ne vous est pas accessible.",
  FILE_NOT_READY: 'Ce fichier est en cours de production : réessayez dans un instant.',
  EXECUTION_DATE_OUT_OF_RANGE:
    'La date d’exécution doit être comprise entre aujourd’hui et dans 90 jours.',
  EXPORT_ALREADY_REQUESTED:
    'Les fichiers de ce remboursement ont déjà été demandés, pour une autre date d’exécution : ' +
    'ils sont produits avec celle-ci.',
  BATCH_NOTHING_TO_RETRY:
    'Ce remboursement n’a rien à relancer : il n’est ni en préparation ni en cours de production ' +
    'de ses fichiers.',
  LINE_NOT_IN_BATCH: 'Cette ligne ne fait pas partie de ce remboursement.',
  PAID_ON_OUT_OF_RANGE:
    'La date de paiement ne peut être ni dans le futur ni antérieure à la production des fichiers.',
  STATUS_REPORT_INVALID:
    'Ce fichier n’est pas un compte rendu de la banque lisible (pain.002 attendu).',
  STATUS_REPORT_NOT_FOR_THIS_BATCH:
    'Ce compte rendu de la banque concerne un autre virement que celui de ce remboursement.',
  BATCH_AMOUNTS_MISMATCH:
    'Les montants du remboursement ne concordent pas : la préparation s’est arrêtée sans rien ' +
    'enregistrer. Prévenez l’équipe technique.',
  REPORT_FORMAT_NOT_ACCEPTABLE:
    'Ce rapport s’obtient en tableau CSV ou XLSX, ou en JSON : choisissez l’un de ces formats.',
};

/** French messages for the field errors of some codes, shown under the input itself. */
const fieldErrors: Record<string, string> = {
  INVALID_PIVOT: 'SIRET ou RNA invalide (ou non modifiable par vous).',
  INVALID_IBAN: 'IBAN invalide.',
  INVALID_BIC: 'BIC invalide.',
  BENEFICIARY_NOT_ELIGIBLE: 'Le programme ne couvre pas ce choix.',
  CONTACT_CONSENT_REQUIRED: 'Indiquez ce à quoi la personne a donné son accord.',
};

/** Carnet's own French messages, merged over ra-language-french. */
export const carnetFrenchMessages = {
  ra: {
    page: {
      dashboard: 'Accueil',
    },
  },
  errors,
  fieldErrors,
  carnet: {
    roles,
    organisationKinds,
    scopes,
    funderKinds,
    programmeStatuses,
    sepaFormats: {
      pain_001_001_09: 'pain.001.001.09 (norme EPC actuelle, par défaut)',
      pain_001_001_03: 'pain.001.001.03 (ancienne version, si votre banque la demande)',
    },
    qualificationStatuses,
    qualificationCriteria,
    bankAccountStatuses,
    prescriberTypes,
    trainingTopics,
    issuanceStatuses,
    carnetStatuses,
    holderKinds,
    ageBands,
    situations,
    consentScopes,
    onlineProcedures,
    equipment,
    autonomy,
    cancellationReasons,
    chequeStatuses,
    notPayableReasons,
    movementKinds,
    auditActions,
    batchStatuses,
    batchLineStatuses,
    holdReasons,
    total: 'Total',
    export: {
      truncated:
        'Le fichier contient les %{max} premières lignes : affinez les filtres pour le reste.',
    },
    layout: {
      appName: 'Carnet — Pass numérique',
      userMenu: 'Profil de %{name}',
      accessibility: 'Accessibilité : partiellement conforme',
    },
    accessibility: {
      back: "Retour à l'application",
      title: "Déclaration d'accessibilité",
      commitment:
        "L'organisateur du Pass numérique s'engage à rendre ses services numériques accessibles, " +
        "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
      scope:
        "Cette déclaration d'accessibilité s'applique à Carnet, l'application de gestion du Pass " +
        'numérique (programmes, carnets, prescripteurs, lieux, remboursements), et à sa page ' +
        'publique « Où utiliser mon Pass numérique ? ».',
      conformityTitle: 'État de conformité',
      conformity:
        "Carnet est partiellement conforme avec le référentiel général d'amélioration de " +
        "l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.",
      results:
        "Aucun audit complet n'a encore été réalisé : le taux de conformité n'est pas mesuré. " +
        "Chaque écran de l'application est vérifié automatiquement à chaque modification, avec " +
        'axe-core (règles WCAG 2.1 niveaux A et AA et bonnes pratiques) : aucune erreur grave ou ' +
        'critique, un seul titre de niveau 1 et une seule zone principale par page.',
      notAccessibleTitle: 'Contenus non accessibles',
      notConformIntro: 'Non-conformités connues :',
      gapMaps:
        'Les cartes (lieux, communes) ne se parcourent pas au clavier : les mêmes informations ' +
        'sont données par les listes et les tableaux voisins.',
      gapCharts:
        'Les graphiques du tableau de bord sont accompagnés de tableaux, mais leurs couleurs ' +
        "n'ont pas toutes été vérifiées.",
      gapAudit:
        "Les tests automatiques ne couvrent qu'une partie des critères du RGAA ; l'application " +
        "n'a pas encore été vérifiée avec un lecteur d'écran.",
      outOfScopeIntro: 'Contenus non soumis à l’obligation d’accessibilité :',
      outPrintFiles:
        "Les fichiers d'impression des carnets (PDF pour l'imprimeur) : le carnet imprimé est " +
        'remis en main propre par une structure prescriptrice.',
      outUploads:
        'Les documents déposés par les utilisateurs (RIB, délibérations), qui sont des contenus ' +
        'de tiers.',
      establishedTitle: 'Établissement de cette déclaration',
      established: 'Cette déclaration a été établie le 29 novembre 2026.',
      technologies: 'Technologies utilisées : HTML5, CSS, JavaScript (React, react-admin, MUI).',
      environment:
        'Environnement de test : navigateur Chromium, extension de test axe-core (via ' +
        'Playwright), écrans de 1 366 pixels de large et de téléphone (390 pixels).',
      pages:
        'Pages vérifiées : la page de connexion, cette déclaration, et pour chaque profil ' +
        '(administrateur, gestionnaire, agent financier, financeur, référent communal, agent ' +
        'prescripteur, personnel des lieux) chaque entrée du menu et les fiches des principales ' +
        'ressources.',
      contactTitle: "Retour d'information et contact",
      contact:
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter " +
        "l'équipe du programme pour être orienté vers une alternative accessible ou obtenir le " +
        'contenu sous une autre forme.',
      email: 'Par courriel :',
      answerDelay: 'Nous nous efforçons de répondre dans les 2 jours ouvrés.',
      recourseTitle: 'Voies de recours',
      recourse:
        "Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou " +
        "à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
      recourseForm: 'écrire un message au Défenseur des droits (formulaire en ligne) ;',
      recourseDelegate: 'contacter le délégué du Défenseur des droits dans votre région ;',
      recourseMail:
        'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des ' +
        'droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    },
    dashboard: {
      welcome: 'Bienvenue, %{name}',
      roleAt: '%{role} — %{organisation}',
      intro:
        'Carnet vous permet de piloter le Pass numérique : financeurs, communes, prescripteurs, ' +
        'lieux de médiation et remboursements.',
    },
    homes: {
      noStructure:
        "Votre compte n'est rattaché à aucune structure : contactez votre référent communal.",
      noCommune: "Votre compte n'est rattaché à aucune commune : contactez l'équipe du programme.",
      noProgramme:
        'Aucun programme en cours ne concerne encore votre commune : les carnets arriveront une fois ' +
        'la commune inscrite et approvisionnée.',
      newBeneficiary: 'Nouveau bénéficiaire',
      findHousehold: 'Rechercher un foyer',
      trained: 'Vous êtes formé(e) : vous pouvez remettre des carnets.',
      notTrained: "Vous n'avez pas encore suivi de formation au Pass numérique.",
      trainingRequired:
        'Le programme « %{programme} » demande une formation avant de remettre un carnet : ' +
        'demandez à votre référent communal de vous inscrire à la prochaine.',
      inStock: 'carnets en stock dans votre structure',
      perProgramme: '%{programme} : %{count}',
      handedOutThisMonth: 'carnets remis en %{month}',
      beneficiariesThisMonth: 'bénéficiaires inscrits en %{month}',
      commune: 'Commune de %{name}',
      communeStock: 'carnets en stock à la commune',
      received: '%{programme} : %{received} reçus',
      receivedOf: '%{programme} : %{received} reçus sur %{allocation} alloués',
      structuresStock: 'carnets en stock dans ses structures',
      communeHandedOut: 'carnets remis en %{month} par ses structures',
      structures: 'Structures prescriptrices',
      noStructures: "Aucune structure prescriptrice dans la commune pour l'instant.",
      structureFigures: '%{stock} en stock · %{handedOut} remis en %{month}',
      untrainedCount: '%{smart_count} agent à former |||| %{smart_count} agents à former',
      moreStructures: 'et %{count} autres : voir la liste des prescripteurs.',
      untrainedAgents: 'Agents pas encore formés',
      allTrained: 'Tous les agents de la commune sont formés.',
      moreAgents: 'et %{count} autres.',
      recordTraining: 'Enregistrer une formation',
    },
    trainings: {
      attendees: 'Participants',
      attendeesHelp:
        'Choisissez une structure, puis cochez ses agents présents ; recommencez pour une autre.',
      structure: 'Structure',
      noAgents: "Cette structure n'a pas encore d'agent.",
      noneChosen: 'Aucun participant choisi.',
      remove: 'Retirer %{name}',
      otherAttendees:
        '+ %{smart_count} participant d’une autre commune |||| ' +
        '+ %{smart_count} participants d’autres communes',
      futureDate: "Une formation s'enregistre une fois tenue : choisissez aujourd'hui ou avant.",
      attendeeCount: '%{smart_count} participant |||| %{smart_count} participants',
    },
    auth: {
      sessionExpired: 'Votre session a expiré, veuillez vous reconnecter.',
      loginFailed: 'Identifiant ou mot de passe incorrect.',
      signInTitle: 'Connexion à l’espace de gestion',
      forgotPassword: 'Mot de passe oublié ?',
      forgotTitle: 'Mot de passe oublié',
      forgotIntro:
        'Saisissez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.',
      forgotSubmit: 'Recevoir le lien',
      forgotSent:
        'Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Pensez à regarder dans les indésirables.',
      backToSignIn: 'Retour à la connexion',
      setPasswordTitle: 'Choisir votre mot de passe',
      setPasswordIntro:
        'Choisissez un mot de passe d’au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.',
      newPassword: 'Nouveau mot de passe',
      confirmPassword: 'Confirmer le mot de passe',
      passwordTooShort: 'Le mot de passe doit contenir au moins 12 caractères.',
      passwordsDiffer: 'Les deux mots de passe ne sont pas identiques.',
      setPasswordSubmit: 'Enregistrer le mot de passe',
      passwordSet: 'Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.',
      signIn: 'Se connecter',
      email: 'Adresse e-mail',
    },
    users: {
      newPassword: 'Nouveau mot de passe',
      newPasswordHelp: 'Laisser vide pour conserver le mot de passe actuel.',
      activeHelp: 'Un compte inactif ne peut plus se connecter.',
      invitationHelp:
        'Laissez vide pour envoyer une invitation par e-mail : la personne choisira elle-même son mot de passe (lien valable 7 jours).',
      initialPassword: 'Mot de passe initial (facultatif)',
      invitationPending: 'Invitation en attente',
      resendInvitation: 'Renvoyer l’invitation',
      invitationSent: 'Invitation envoyée à %{email}.',
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
      rnaHelp:
        'Associations : W suivi de 9 chiffres (répertoire national des associations), facultatif.',
      rnaShape: 'Le numéro RNA est W suivi de 9 chiffres.',
      logo: 'Logo',
      logoHelp:
        'PNG ou JPEG, 1 Mo au plus. Imprimé sur la couverture des carnets des programmes financés.',
      logoAlt: 'Logo de %{name}',
      noLogo: 'Aucun logo : le nom du financeur est imprimé à sa place.',
      uploadLogo: 'Déposer un logo',
      replaceLogo: 'Remplacer le logo',
      removeLogo: 'Retirer le logo',
      logoUploaded: 'Logo enregistré',
      logoRemoved: 'Logo retiré',
      logoType: 'Choisissez un fichier PNG ou JPEG.',
    },
    communes: {
      inhabitants: '%{population} habitants',
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
    notFound: {
      title: 'Page introuvable',
      text: 'Cette adresse ne mène à aucune page : le lien est peut-être incomplet ou ancien.',
      home: "Revenir à l'accueil",
    },
    programmes: {
      period: 'du %{start} au %{end}',
      tabs: {
        general: 'Général',
        funders: 'Financeurs',
        enrolments: 'Communes adhérentes',
        criteria: 'Critères',
        allocation: 'Répartition',
        budget: 'Budget',
        issuances: 'Émissions',
        stocks: 'Stocks',
        expiry: 'Échéance',
      },
      sections: {
        dates: 'Dates',
        carnets: 'Carnets et budget',
      },
      termsFrozen: "Imprimé sur les chèques : ne change plus après l'activation.",
      sepaFormatHelp:
        'Fichier des remboursements mensuels à remettre à la banque. Un lot déjà exporté garde son format.',
      eligiblePublicsHelp: 'Saisissez un public puis Entrée, par exemple « Seniors ».',
      helpPhoneHelp:
        "Imprimé sur la couverture des carnets : « Une question ? Appelez le… ». Vide : la phrase n'est pas imprimée.",
      noHelpPhone: 'Aucun (non imprimé sur les carnets)',
      openDataHelp:
        'Publie sans connexion, sous Licence Ouverte 2.0, le nombre de séances, de chèques et les ' +
        'montants par commune des lieux, par mois et par service. Les nombres inférieurs à 5 sont ' +
        'masqués ; aucun nom de lieu ni aucune donnée personnelle.',
      openData: {
        label: "Données d'usage en open data",
        published: 'Publiées',
        notPublished: 'Non publiées',
        csv: 'Télécharger en CSV',
        json: 'Voir en JSON',
      },
      publicPage: {
        label: 'Page publique des lieux',
        open: 'Ouvrir « Où utiliser mon Pass numérique ? »',
        notActive: 'Visible sans connexion dès que le programme est actif.',
      },
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
      tableLabel: 'Carnets par commune',
      showExplanation: 'Afficher ou masquer le calcul',
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
    venues: {
      myVenue: 'Mon lieu',
      openData: 'Télécharger les données ouvertes (CSV)',
      sections: {
        identity: 'Identité',
        address: 'Adresse',
        offer: 'Offre de médiation',
        contact: 'Contact',
      },
      postalCodeShape: 'Le code postal compte 5 chiffres.',
      inseeShape: 'Le code INSEE compte 5 caractères, par exemple 62510 ou 2A004.',
      pivotHelp: 'SIRET (14 chiffres) ou RNA (W suivi de 9 chiffres).',
      managerOnly:
        'Modifiable par le gestionnaire du programme : ce champ décide des chèques que le lieu peut accepter.',
      horairesHelp:
        'Format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00 ».',
      servedHelp: 'Codes INSEE des communes desservies : saisissez un code puis Entrée.',
      map: {
        label: 'Carte des lieux de médiation',
        tilesFailed:
          'Le fond de carte ne se charge pas pour le moment : les lieux restent dans la liste ci-dessous.',
        located:
          '%{smart_count} lieu localisé sur cette page |||| %{smart_count} lieux localisés sur cette page',
      },
      tabs: {
        info: 'Informations',
        qualification: 'Qualification',
        bankAccount: 'Compte bancaire',
      },
      import: {
        button: 'Importer un CSV (schéma national)',
        title: 'Importer des lieux (CSV, schéma national)',
        help:
          'Un fichier CSV au schéma national des lieux de médiation numérique (séparateur virgule). ' +
          "Toutes les lignes sont vérifiées d'abord : à la moindre erreur, aucun lieu n'est importé.",
        chooseFile: 'Choisir un fichier',
        noFile: 'Aucun fichier choisi',
        submit: 'Importer',
        errors: 'Lignes refusées',
        done: '%{smart_count} lieu importé |||| %{smart_count} lieux importés',
      },
    },
    qualification: {
      current: 'Statut actuel',
      acceptsPass: 'Accepte le Pass numérique',
      refusesPass: "N'accepte pas le Pass numérique",
      decide: 'Nouvelle décision',
      target: 'Nouveau statut',
      reason: 'Motif',
      reasonHelp: "Conservé dans l'historique et communiqué au lieu.",
      checklist: 'Grille de qualification',
      checklistHelp: 'Pour qualifier le lieu, tous les critères doivent être remplis.',
      note: 'Note (facultative)',
      submit: 'Enregistrer la décision',
      done: 'Décision enregistrée : %{status}',
      noMove: "Aucun changement de statut n'est possible.",
      history: 'Historique des décisions',
      noHistory: "Aucune décision n'a encore été prise.",
      decidedAt: 'Date',
      from: 'Ancien statut',
      to: 'Nouveau statut',
      decidedBy: 'Décidé par',
      criteriaMet: 'Critères remplis',
    },
    bankAccounts: {
      current: 'Coordonnées bancaires en vigueur',
      none: "Aucune coordonnée bancaire n'a été saisie.",
      pendingNote:
        'En attente de vérification par un agent financier (autre que celui qui les a saisies).',
      enter: 'Saisir de nouvelles coordonnées',
      enterHelp:
        "Les nouvelles coordonnées seront en attente jusqu'à leur vérification par un agent " +
        'financier autre que celui qui les a saisies.',
      save: 'Enregistrer',
      saved: 'Coordonnées bancaires enregistrées : en attente de vérification',
      uploadRib: 'Déposer le RIB (PDF)',
      ribUploaded: 'RIB enregistré',
      hasDocument: 'RIB déposé',
      noDocument: 'Aucun RIB',
      history: 'Historique',
      verify: 'Vérifier',
      reject: 'Refuser',
      rejectTitle: 'Refuser les coordonnées bancaires de « %{venue} »',
      reason: 'Motif du refus',
      reasonRequired: 'Le motif est obligatoire pour refuser.',
      verified: 'Coordonnées bancaires vérifiées',
      rejected: 'Coordonnées bancaires refusées',
      decision: 'Décision',
      queueEmpty: "Aucune coordonnée bancaire n'attend de vérification.",
      validity: 'Validité',
      refusals: {
        noDocument: 'Vérification impossible : aucun RIB n’a été déposé pour ces coordonnées.',
        fourEyes:
          'Vous avez saisi ces coordonnées : un autre agent financier doit les vérifier ou les ' +
          'refuser.',
      },
      verifyTitle: 'Vérifier les coordonnées bancaires de « %{venue} » ?',
      verifyContent:
        'Comparez le titulaire, l’IBAN et le BIC au RIB. Une fois vérifiées, les remboursements ' +
        'du lieu seront virés sur ce compte.',
      confirmVerify: 'Confirmer la vérification',
      document: 'RIB déposé',
      documentLoading: 'Chargement du RIB…',
      openDocument: 'Ouvrir le RIB dans un nouvel onglet',
    },
    prescribers: {
      siretHelp: '14 chiffres, facultatif.',
      siretShape: 'Le SIRET compte 14 chiffres.',
      inseeHelp: 'La commune dont le stock approvisionne la structure.',
      carnets: 'Carnets détenus',
      servedHelp:
        'Les autres communes où la structure accompagne des habitants : leurs référents la voient.',
      noServed: 'Aucune autre commune',
      stock: 'Stock',
      stockLine: '%{programme} : %{stock} en stock · %{handedOut} remis en %{month}',
      noStock: 'Aucun carnet pour l’instant.',
    },
    beneficiaries: {
      title: 'Bénéficiaire',
      create: 'Inscrire une personne',
      searchFirstName: 'Chercher par prénom',
      noName: 'Personne inscrite le %{day}',
      bornIn: 'née ou né en %{year}',
      noProgramme:
        'Votre structure ne participe à aucun programme en cours : vous ne pouvez pas inscrire ' +
        'de bénéficiaire pour le moment.',
      covers: 'Ce programme est réservé à : %{situations}.',
      servedCommune: '%{name} (commune desservie)',
      ageMode: 'Âge',
      ageModes: {
        band: "Tranche d'âge",
        year: 'Année de naissance',
      },
      sections: {
        person: 'La personne',
        contact: 'Pour la recontacter (facultatif)',
        household: 'Le foyer',
      },
      fields: {
        programmeId: 'Programme',
        prescriberId: 'Structure qui inscrit',
        inseeCode: 'Commune où elle habite',
        ageBand: "Tranche d'âge",
        birthYear: 'Année de naissance',
        age: 'Âge',
        situation: 'Situation',
        firstName: 'Prénom (facultatif)',
        contact: 'Téléphone ou e-mail',
        consentScope: 'La personne accepte de',
        address: 'Adresse du foyer',
        householdName: 'Nom du foyer (facultatif)',
        createdAt: 'Inscrite le',
      },
      firstNameHelp: 'Seulement pour la reconnaître au guichet. Pas de nom de famille.',
      consent: 'La personne accepte que nous gardions son téléphone ou son e-mail',
      consentHelp:
        "Demandez-lui son accord à voix haute. Sans son accord, n'enregistrez aucun contact.",
      consentedTo: 'accord pour : %{scope} (le %{date})',
      contactHelp: 'Par exemple 06 12 34 56 78 ou prenom@exemple.fr',
      contactShape: 'Un numéro de téléphone (10 chiffres) ou une adresse e-mail.',
      addressNotKept:
        "L'adresse sert seulement à vérifier qu'un foyer ne reçoit qu'un carnet : elle n'est " +
        'pas enregistrée, ni ici ni ailleurs.',
      addressHelp:
        'Numéro, rue, code postal et ville, par exemple 12 bis bd Émile Basly 62300 Lens.',
      householdNameHelp:
        "Utile quand plusieurs foyers partagent une adresse ; tapez-le de la même façon à chaque fois. Il n'est pas enregistré non plus.",
      household: {
        button: 'Chercher un foyer',
        title: 'Chercher un foyer par son adresse',
        submit: 'Chercher',
        none: "Personne de votre structure n'est inscrit à cette adresse.",
        found:
          '%{smart_count} personne inscrite à cette adresse : |||| ' +
          '%{smart_count} personnes inscrites à cette adresse :',
      },
    },
    diagnostics: {
      section: 'Diagnostic',
      title: 'Diagnostic',
      none: 'Pas encore de diagnostic : faites-le avant de remettre un carnet.',
      start: 'Faire un diagnostic',
      again: 'Nouveau diagnostic',
      of: 'Diagnostic du %{date}',
      steps: {
        needs: 'besoins',
        autonomy: 'autonomie',
        equipment: 'équipement',
        notes: 'notes',
      },
      services: 'De quoi la personne a-t-elle besoin ?',
      procedures: 'Quelles démarches en ligne veut-elle faire ?',
      needsRequired: 'Cochez au moins un besoin ou une démarche.',
      autonomyQuestion: 'Avec un téléphone ou un ordinateur, la personne…',
      autonomyRequired: 'Choisissez la phrase qui lui correspond le mieux.',
      equipmentQuestion: 'Qu’a-t-elle à la maison ?',
      notes: 'Notes (facultatif)',
      notesWarning:
        "N'écrivez rien sur sa santé, ses origines, sa religion, ses opinions, sa vie privée ou " +
        'une condamnation : seulement ce qui aide à l’accompagner sur le numérique.',
      notesLength: '%{count} / %{max} caractères',
      previous: 'Précédent',
      next: 'Suivant',
      save: 'Enregistrer',
      saved: 'Diagnostic enregistré',
      autonomyIs: 'Autonomie : %{label}',
      equipmentIs: 'Équipement : %{list}',
    },
    handOut: {
      section: 'Carnet',
      none: "Aucun carnet n'a été remis à cette personne.",
      diagnoseFirst: 'Faites d’abord un diagnostic : la remise le suit.',
      button: 'Remettre un carnet',
      title: 'Remettre un carnet',
      serial: 'Numéro du carnet',
      serialHelp: 'Imprimé en haut de chaque page du carnet : « Carnet n° 0000042 ».',
      serialRequired:
        'Tapez le numéro du carnet (des chiffres), ou lisez un chèque avec l’appareil photo.',
      typeInstead: 'Taper le numéro à la place',
      scannedCheque:
        'Chèque n° %{number} lu : le carnet qui le contient sera remis (vérifiez qu’il s’agit bien du carnet que vous tenez).',
      scannedSerial: 'Carnet n° %{serial} lu.',
      diagnostic: 'Diagnostic que suit la remise',
      latestDiagnostic: 'Le plus récent, du %{date}',
      confirm: 'Remettre le carnet',
      notInStock:
        "Ce carnet n'est pas dans le stock de votre structure : vérifiez le numéro, ou " +
        'demandez-le à votre commune.',
      networkError:
        'La connexion a été perdue : vérifiez le réseau, puis appuyez de nouveau sur « Remettre ' +
        'le carnet ». Le carnet ne sera pas remis deux fois.',
      doneTitle: 'Carnet remis',
      serialIs: 'Carnet n° %{serial} remis',
      undoneSerial: 'Carnet n° %{serial} (remise annulée)',
      worth: '%{smart_count} chèque, soit %{value} |||| %{smart_count} chèques, soit %{value}',
      validUntil: "Valables jusqu'au %{day}",
      by: 'Remis par %{agent} (%{structure}) le %{date}',
      undoneOn: 'Remise annulée le %{date} : le carnet est revenu dans le stock de la structure.',
      undo: 'Annuler la remise',
      undoUntil: 'Possible jusqu’au %{date}, tant qu’aucun chèque n’est utilisé.',
      undoTitle: 'Annuler la remise du carnet n° %{serial} ?',
      undoContent:
        'Le carnet revient dans le stock de votre structure et ses chèques ne sont plus ' +
        'acceptés par les lieux. Reprenez le carnet à la personne.',
      scan: {
        button: "Lire un chèque avec l'appareil photo",
        help:
          "Visez le code QR d'un des chèques du carnet (le petit carré noir et blanc). Le code " +
          'de sécurité du chèque n’est pas envoyé.',
        video: "Image de l'appareil photo",
        foreign:
          "Ce code n'est pas celui d'un chèque du Pass numérique : visez un chèque du carnet.",
        denied:
          "L'appareil photo est refusé à ce site : autorisez-le dans les réglages du navigateur, " +
          'ou tapez le numéro du carnet.',
        unavailable: "L'appareil photo n'est pas disponible : tapez le numéro du carnet.",
        stop: "Arrêter l'appareil photo",
      },
    },
    exceptions: {
      button: 'Autoriser un carnet de plus pour ce foyer',
      title: 'Autoriser un carnet de plus pour ce foyer',
      help:
        'Le programme prévoit un carnet par foyer. Votre autorisation permet à une structure de ' +
        'remettre un carnet de plus à ce foyer, une fois.',
      noSensitiveData:
        'Justifiez sans donnée de santé ni autre donnée sensible : la justification est ' +
        "conservée dans l'historique.",
      justification: 'Justification',
      length: '%{count} / %{max} caractères (%{min} au moins)',
      submit: 'Autoriser',
      granted: 'Carnet supplémentaire autorisé pour ce foyer',
      available: 'Un carnet de plus est autorisé pour ce foyer (par %{name}, le %{date}).',
      used: 'Carnet supplémentaire autorisé par %{name} le %{date}, déjà remis.',
    },
    orientation: {
      section: 'Où se faire accompagner',
      diagnoseFirst: 'Faites d’abord un diagnostic : les lieux proposés dépendent des besoins.',
      none: "Aucun lieu qualifié n'offre ces services dans ou près de sa commune pour le moment.",
      for:
        '%{smart_count} lieu propose : %{services}. |||| ' +
        '%{smart_count} lieux proposent : %{services}.',
      distance: 'à %{km} km',
      itinerant: 'Se déplace dans les communes',
      hours: 'Horaires : %{hours}',
      phone: 'Téléphone :',
      email: 'E-mail :',
      access: 'Pour y aller : %{list}',
      offers: 'Propose : %{list}',
      slip: "Fiche d'orientation à imprimer",
    },
    slip: {
      back: 'Retour',
      print: 'Imprimer',
      title: 'Pass numérique : où apprendre le numérique près de chez vous',
      howTo: 'Comment utiliser vos chèques',
      step1:
        'Choisissez un lieu dans la liste ci-dessous. Appelez-le ou passez le voir pour vous ' +
        'inscrire à un atelier.',
      step2: "Présentez vos chèques au lieu avant l'atelier : un chèque pour une heure d'atelier.",
      step3:
        "Chaque chèque vaut %{value} : l'atelier est payé par le Pass numérique, vous n'avez " +
        'rien à payer.',
      validUntil:
        "Vos chèques sont valables jusqu'au %{day}. Après cette date, ils ne sont plus acceptés.",
      lost:
        'Gardez vos chèques dans le carnet jusqu’à l’atelier. En cas de perte ou de vol, ' +
        'prévenez la structure qui vous a remis le carnet.',
      lostAt:
        'Gardez vos chèques dans le carnet jusqu’à l’atelier. En cas de perte ou de vol, ' +
        'prévenez la structure qui vous a remis le carnet : %{structure}.',
      venues: 'Le lieu pour vous |||| Les %{smart_count} lieux pour vous',
    },
    agents: {
      title: 'Agents',
      none: "Aucun agent pour l'instant.",
      invite: 'Inviter un agent',
      name: 'Prénom et nom',
      email: 'E-mail (identifiant de connexion)',
      password: 'Mot de passe initial (facultatif)',
      passwordHelp:
        "Laissez vide : l'agent reçoit une invitation par e-mail pour choisir son mot de passe (lien valable 7 jours). Sinon, 12 caractères au moins, à lui transmettre.",
      submit: 'Créer le compte',
      invited: "Le compte de l'agent est créé : transmettez-lui son mot de passe.",
      invitationSent: 'Invitation envoyée à %{email}.',
      invitationPending: 'Invitation en attente',
      resend: 'Renvoyer l’invitation',
      resendWho: 'Renvoyer l’invitation à %{name}',
      trained: 'Formé',
      notTrained: 'Pas encore formé',
      disabled: 'Désactivé',
      disable: 'Désactiver',
      enable: 'Réactiver',
      disableWho: 'Désactiver %{name}',
      enableWho: 'Réactiver %{name}',
    },
    issuances: {
      actions: 'Actions',
      title: 'Émettre des carnets',
      count: 'Nombre de carnets',
      worth: 'Soit %{cheques} chèques de %{face} : %{value} au total.',
      wholeNumber: 'Un nombre entier positif.',
      submit: 'Émettre',
      started: 'Émission de %{count} carnet lancée |||| Émission de %{count} carnets lancée',
      budgetRoom:
        'Au plus %{count} carnet tient encore dans le budget. |||| ' +
        'Au plus %{count} carnets tiennent encore dans le budget.',
      notActive: "Seul un programme actif émet des carnets : activez-le d'abord.",
      cropMarks: 'Traits de coupe',
      cropMarksHelp:
        'Pour un imprimeur : chaque page A4 sur un format plus grand, avec des traits de coupe et 3 mm de fond perdu.',
      confirmTitle:
        'Émettre %{count} carnet (%{cheques} chèques, %{value}) ? |||| ' +
        'Émettre %{count} carnets (%{cheques} chèques, %{value}) ?',
      remainingAfter: 'Il restera %{remaining} du budget.',
      overBudget:
        'Cette émission dépasserait le budget de %{over} : il reste %{remaining} à émettre.',
      budgetFigures: 'Budget %{budget}, déjà émis %{issued}.',
      confirm: 'Confirmer l’émission',
      runs: 'Émissions',
      none: "Aucune émission pour l'instant.",
      createdAt: 'Lancée le',
      carnets: 'Carnets',
      serials: 'N° de carnets',
      cheques: 'N° de chèques',
      range: '%{first} à %{last}',
      value: 'Valeur',
      validUntil: "Valables jusqu'au",
      status: 'État',
      progress: '%{done} / %{total} carnets',
      printing: "Production des fichiers d'impression…",
      generation: 'Codes v%{generation}',
      files: "Fichiers d'impression",
      downloadCsv: 'Télécharger le CSV',
      downloadPdf: 'Télécharger le PDF',
      viewCarnets: 'Voir les carnets',
      reprint: 'Réémettre les codes',
      reprintTitle: 'Réémettre les codes de sécurité ?',
      reprintContent:
        "De nouveaux fichiers d'impression seront produits, avec de NOUVEAUX codes de sécurité, " +
        'pour les carnets de cette émission encore dans le stock du programme. Les codes déjà ' +
        'imprimés ne fonctionneront plus : détruisez les carnets imprimés avec les anciens ' +
        'fichiers.',
      reprinted: 'Nouveaux codes demandés : les fichiers sont en production.',
      resume: 'Reprendre',
      resumed: "L'émission reprend là où elle s'était arrêtée.",
    },
    stocks: {
      holder: 'Détenteur',
      carnets: 'Carnets en stock',
      received: 'Reçus du programme',
      allocation: 'Allocation',
      toReceive: 'Reste à recevoir',
      handedOut: 'Remis',
      receivedOf: 'Reçus : %{received} sur %{allocation} alloués',
      handedOutCount: 'Remis aux bénéficiaires : %{count}',
      none: "Aucun carnet n'a encore été émis.",
      displayedRows: '%{from}–%{to} sur %{count}',
      firstPage: 'Première page',
      previousPage: 'Page précédente',
      nextPage: 'Page suivante',
      lastPage: 'Dernière page',
    },
    expiry: {
      validityEndDate: 'Fin de validité des chèques',
      graceDays: 'Délai de grâce',
      expiresOn: 'Chèques expirés à partir du',
      daysLeft: 'Jours restants',
      alert:
        'Les chèques de ce programme expirent dans %{smart_count} jour, le %{date} : relancez ' +
        "les structures qui n'ont pas remis leurs carnets. |||| " +
        'Les chèques de ce programme expirent dans %{smart_count} jours, le %{date} : ' +
        "relancez les structures qui n'ont pas remis leurs carnets.",
      over: 'Les chèques non utilisés de ce programme ont expiré le %{date}.',
      noRows:
        "Le suivi des carnets non remis, par commune et par structure, s'affiche à l'approche " +
        'de la fin de validité.',
      holder: 'Détenteur',
      issued: 'Carnets reçus',
      handedOut: 'Remis',
      notHandedOut: 'Non remis',
      started: 'Entamés',
      expiredTitle: 'Chèques expirés',
      expiredSummary:
        "%{count} chèque expiré, d'une valeur de %{value} |||| " +
        "%{count} chèques expirés, d'une valeur de %{value}",
      noneExpired: "Aucun chèque n'a expiré.",
      funder: 'Financeur',
      amount: 'Valeur expirée',
    },
    holders: {
      programme: 'Stock du programme',
      beneficiary: 'Bénéficiaire',
    },
    carnets: {
      title: 'Carnet n° %{serial}',
      cheques: 'Chèques',
      movements: 'Historique de détention',
      noMovement: 'Aucun mouvement.',
      position: 'Position',
      number: 'Numéro',
      value: 'Valeur',
      validUntil: "Valable jusqu'au",
      until: "jusqu'au %{day}",
      status: 'Statut',
      reason: 'Motif',
      check: 'Vérifier ce chèque',
      date: 'Date',
      kind: 'Mouvement',
      from: 'De',
      to: 'Vers',
      actor: 'Par',
      note: 'Note',
      serialRef: 'Carnet n° %{serial}',
    },
    transfers: {
      button: 'Transférer',
      rangeButton: 'Transférer une plage',
      selectionButton: 'Transférer',
      title: 'Transférer le carnet n° %{serial}',
      rangeTitle: 'Transférer une plage de carnets',
      selectionTitle: 'Transférer %{count} carnet |||| Transférer %{count} carnets sélectionnés',
      from: 'Détenu par : %{holder}',
      rangeHelp:
        'Tous les carnets de la plage doivent être actifs et chez le même détenteur : sinon ' +
        "rien n'est transféré.",
      serialFrom: 'Du n°',
      serialTo: 'Au n°',
      destination: 'Destination',
      destinations: {
        PROGRAMME: 'Retour au stock du programme',
        COMMUNE: 'Une commune',
        PRESCRIBER: 'Une structure prescriptrice',
        BENEFICIARY: 'Un bénéficiaire',
      },
      returnToCommune: 'Retour au stock de la commune',
      commune: 'Commune',
      prescriber: 'Structure prescriptrice',
      note: 'Note (n° de bordereau…)',
      submit: 'Transférer',
      noDestination: 'Ces carnets ne peuvent aller nulle part depuis leur détenteur actuel.',
      done:
        '%{count} carnet transféré vers %{to} (n° %{serials}) |||| ' +
        '%{count} carnets transférés vers %{to} (n° %{serials})',
      returned:
        '%{count} carnet rendu à %{to} (n° %{serials}) |||| ' +
        '%{count} carnets rendus à %{to} (n° %{serials})',
      serials: 'Carnets concernés : %{serials}',
    },
    cancellation: {
      carnetButton: 'Annuler le carnet',
      carnetTitle: 'Annuler le carnet n° %{serial}',
      carnetHelp:
        'Ses chèques non utilisés sont annulés et il sort du stock de son détenteur. Vous ' +
        'pourrez ensuite émettre un carnet de remplacement. Cette action est définitive.',
      carnetDone: 'Carnet n° %{serial} annulé',
      chequeButton: 'Annuler ce chèque',
      chequeTitle: 'Annuler le chèque %{number}',
      chequeHelp: 'Plus aucun lieu ne pourra accepter ce chèque. Cette action est définitive.',
      carnetConsequence:
        'Le chèque non utilisé de ce carnet sera annulé et ne pourra plus être accepté. |||| ' +
        'Les %{count} chèques non utilisés de ce carnet seront annulés et ne pourront plus être ' +
        'acceptés.',
      carnetNoUnused: "Ce carnet n'a plus de chèque non utilisé : seul le carnet sera annulé.",
      carnetUnusedUnknown:
        'Ses chèques non utilisés seront annulés et ne pourront plus être acceptés.',
      chequeConsequence:
        'Le chèque %{number} (%{value}) sera annulé et ne pourra plus être accepté par aucun lieu.',
      chequeDone: 'Chèque %{number} annulé',
      reason: 'Motif',
      comment: 'Commentaire (facultatif)',
    },
    replacement: {
      button: 'Émettre un remplaçant',
      title: 'Émettre un remplaçant du carnet n° %{serial} ?',
      content:
        'Un carnet du stock du programme part chez %{holder}, avec autant de chèques valables ' +
        'que le carnet annulé en avait de non utilisés ; les autres sont annulés.',
      done: 'Carnet n° %{serial} émis en remplacement',
    },
    redemptions: {
      redeemTitle: 'Encaisser des chèques',
      venue: 'Lieu',
      noVenue: "Votre compte n'est rattaché à aucun lieu : contactez l'équipe du programme.",
      notQualified:
        "Votre lieu n'est pas qualifié pour le Pass numérique (ou il est suspendu) : il ne peut " +
        "pas encaisser de chèques. Contactez l'équipe du programme.",
      presented: 'Chèques présentés',
      intro:
        'Ajoutez un à un les chèques que la personne vous remet : chacun est vérifié aussitôt. ' +
        'Un encaissement paie un accompagnement (jusqu’à 10 chèques).',
      noCheque: 'Aucun chèque pour l’instant.',
      chequeNumber: 'N° %{number}',
      typeTitle: 'Ou tapez le numéro et le code',
      addTyped: 'Ajouter ce chèque',
      incomplete:
        'Tapez les 12 chiffres du numéro et les 10 caractères du code de sécurité, tels ' +
        'qu’imprimés sur le chèque.',
      duplicate: 'Le chèque n° %{number} est déjà dans la liste.',
      tooMany:
        'Un encaissement prend au plus %{max} chèques : encaissez ceux-ci, puis les suivants.',
      checking: 'Vérification en cours…',
      payable: 'Valable : %{value}, jusqu’au %{day}.',
      unreachable:
        "Le chèque n'a pas pu être vérifié : pas de réponse du serveur. Vérifiez la connexion.",
      checkAgain: 'Vérifier de nouveau',
      remove: 'Retirer le chèque n° %{number}',
      scan: {
        button: 'Scanner un chèque',
        help:
          'Visez le code QR du chèque (le petit carré noir et blanc) : son numéro et son code ' +
          'sont lus ensemble.',
        foreign:
          "Ce code n'est pas celui d'un chèque du Pass numérique : visez le code QR du chèque.",
        denied:
          "L'appareil photo est refusé à ce site : autorisez-le dans les réglages du navigateur, " +
          'ou tapez le numéro et le code du chèque.',
        unavailable:
          "L'appareil photo n'est pas disponible : tapez le numéro et le code du chèque.",
      },
      service: "L'accompagnement",
      serviceLabel: 'Service rendu',
      noService:
        "Votre lieu n'a déclaré aucun service : demandez à l'équipe du programme de compléter sa " +
        'fiche.',
      chooseService: 'Choisissez le service rendu.',
      duration: 'Durée',
      serviceDate: 'Date',
      serviceDateHelp: "Le jour de l'accompagnement (aujourd'hui ou avant).",
      dateInvalid: "Choisissez aujourd'hui ou un jour passé.",
      participants: 'Nombre de participants',
      participantsHelp: 'De 1 à 30.',
      total:
        '%{smart_count} chèque valable, soit %{value} |||| ' +
        '%{smart_count} chèques valables, soit %{value}',
      addFirst: 'Ajoutez au moins un chèque.',
      waitChecks: 'Attendez la fin des vérifications.',
      removeRefused: 'Retirez les chèques refusés pour encaisser les autres.',
      submit:
        'Encaisser %{smart_count} chèque (%{value}) |||| Encaisser %{smart_count} chèques (%{value})',
      submitEmpty: 'Encaisser',
      submitting: 'Encaissement en cours…',
      lost:
        "La réponse n'est pas arrivée (connexion perdue ?) : l'encaissement a peut-être été " +
        'enregistré. Appuyez sur « Réessayer l’encaissement » sans rien changer : vous verrez sa ' +
        'confirmation, et les chèques ne seront jamais encaissés deux fois.',
      retry: 'Réessayer l’encaissement',
      abandon: 'Abandonner cet envoi',
      abandonFailed:
        "L'historique n'a pas pu être consulté (pas de réponse du serveur) : l'envoi est gardé. " +
        'Vérifiez la connexion, puis réessayez.',
      unanswered:
        'Un encaissement de %{smart_count} chèque (n° %{numbers}) envoyé le %{date} est resté ' +
        'sans réponse : il a peut-être été enregistré. Le formulaire le reprend : présentez de ' +
        'nouveau ce chèque et appuyez sur « Encaisser » pour voir sa confirmation ; rien ne sera ' +
        'encaissé deux fois. |||| ' +
        'Un encaissement de %{smart_count} chèques (n° %{numbers}) envoyé le %{date} est resté ' +
        'sans réponse : il a peut-être été enregistré. Le formulaire le reprend : présentez de ' +
        'nouveau ces chèques et appuyez sur « Encaisser » pour voir sa confirmation ; rien ne ' +
        'sera encaissé deux fois.',
      spentByResumed:
        '%{value} : déjà encaissé, sans doute par l’envoi resté sans réponse. « Encaisser » en ' +
        'affichera la confirmation, sans encaisser deux fois.',
      seeHistory: "Voir l'historique",
      dismiss: 'Masquer',
      receipt: {
        title: 'Encaissement enregistré',
        cheques: '%{smart_count} chèque encaissé |||| %{smart_count} chèques encaissés',
        service: 'Service',
        date: "Date de l'accompagnement",
        duration: 'Durée',
        participants: 'Participants',
        venue: 'Lieu',
        numbers: 'Chèques n°',
        reference: 'Référence',
        period: 'Remboursé à votre lieu au titre de %{month}.',
        cancellableUntil: "En cas d'erreur, annulable jusqu'au %{date} depuis l'historique.",
        another: 'Nouvel encaissement',
      },
      history: {
        title: 'Historique',
        menu: 'Historique',
        see: "Voir l'historique",
        none: "Aucun encaissement pour l'instant.",
        more: 'Afficher les suivants',
        madeOn:
          '%{smart_count} chèque, encaissé le %{date} |||| %{smart_count} chèques, encaissés le %{date}',
        serviceOn: '%{service}, le %{day} (%{duration}, %{participants})',
        participants: '%{smart_count} participant |||| %{smart_count} participants',
        details: 'Chèques n° %{numbers} · réf. %{reference} · par %{who}',
        cancelledOn:
          'Annulé le %{date} par %{who} : ses chèques sont de nouveau utilisables, et il ne sera ' +
          'pas remboursé.',
        cancellableUntil: "Annulable jusqu'au %{date}",
        cancel: 'Annuler',
        cancelLabel: "Annuler l'encaissement réf. %{reference}",
        cancelTitle: "Annuler l'encaissement réf. %{reference} ?",
        cancelContent:
          'Le chèque (%{value}) redevient utilisable par la personne, et cet encaissement ne ' +
          'vous sera pas remboursé. Ne le faites qu’en cas d’erreur. |||| ' +
          'Les %{smart_count} chèques (%{value}) redeviennent utilisables par la personne, et cet ' +
          'encaissement ne vous sera pas remboursé. Ne le faites qu’en cas d’erreur.',
        keep: 'Retour',
        confirmCancel: "Annuler l'encaissement",
        cancelled: 'Encaissement annulé : ses chèques sont de nouveau utilisables.',
      },
      home: {
        count: 'encaissement en %{month} |||| encaissements en %{month}',
        amount:
          'encaissés en %{month} (%{smart_count} chèque) |||| ' +
          'encaissés en %{month} (%{smart_count} chèques)',
        paidWhen:
          'Ces encaissements sont remboursés à votre lieu au titre de %{month}, par virement, ' +
          'une fois le mois terminé. Un encaissement annulé ne l’est pas.',
      },
      statuses: redemptionStatuses,
    },
    chequeCheck: {
      title: 'Vérifier un chèque',
      intro:
        'Saisissez le numéro imprimé sur le chèque pour connaître sa valeur, sa validité et ' +
        "s'il peut être accepté.",
      number: 'Numéro du chèque',
      numberHelp: '12 chiffres, tels qu’imprimés sur le chèque.',
      securityCode: 'Code de sécurité',
      securityCodeHelp: 'Les 10 caractères imprimés sur le chèque, par exemple ABCDE-FGHJK.',
      submit: 'Vérifier',
      payable: 'Chèque valable : vous pouvez l’accepter.',
      notPayable: 'Ne pas accepter ce chèque',
      value: 'Valeur',
      validUntil: "Valable jusqu'au",
      programme: 'Programme',
      carnet: 'Carnet n°',
      history: 'Historique du chèque',
      noHistory: 'Aucun événement.',
      locked:
        'Ce chèque est bloqué depuis le %{since} : 5 codes de sécurité erronés ont été saisis. ' +
        'Débloquez-le une fois assuré que la personne qui le présente en est bien la détentrice.',
      unlock: 'Débloquer le chèque',
      unlockTitle: 'Débloquer le chèque %{number} ?',
      unlockHelp:
        'Le compteur de codes erronés repart de zéro : le chèque pourra de nouveau être vérifié et encaissé avec son code.',
      unlocked: 'Chèque %{number} débloqué.',
    },
    events: {
      by: 'par %{actor}',
      other: 'Autre événement',
      apiClient: 'l’application « %{name} »',
      moves: {
        ISSUE: 'Émis dans le stock du programme par l’émission du %{day}',
        ISSUE_BY: 'Émis dans le stock du programme par l’émission du %{day}, demandée par %{actor}',
        TRANSFER: 'Transféré de %{from} à %{to} par %{actor}',
        RETURN: 'Retourné de %{from} à %{to} par %{actor}',
        HAND_OUT: 'Remis à un bénéficiaire par %{actor} (%{from})',
        HAND_BACK: 'Remise annulée : revenu chez %{to}, par %{actor}',
        WRITE_OFF: 'Sorti du stock de %{from} par %{actor}',
        REPLACEMENT: 'Envoyé en remplacement de %{from} à %{to} par %{actor}',
      },
      systemActors: {
        issuance: 'l’émission',
        expiry: 'l’expiration automatique',
        reimbursements: 'le remboursement mensuel',
        retention: 'la purge des données',
        auth: 'la connexion',
        'demo-seed': 'les données de démonstration',
        other: 'le système',
      },
      move: 'De %{from} à %{to}',
      reason: 'Motif : %{reason}',
      run: '%{count} carnet |||| %{count} carnets',
      generation: 'Codes v%{generation}',
      replaces: 'Remplace le carnet n° %{serial}',
      replacedBy: 'Remplacé par le carnet n° %{serial}',
      redeemed: '%{venue} — %{service}',
    },
    batches: {
      create: 'Créer un lot',
      createIntro:
        'Un lot paie aux lieux les chèques encaissés pendant un mois terminé. Il rassemble les ' +
        "encaissements du mois qu'aucun lot n'a encore pris, lieu par lieu ; un second agent " +
        "financier l'approuve ensuite.",
      programme: 'Programme',
      period: 'Mois',
      periodHelp: 'Seuls les mois terminés peuvent être remboursés.',
      periodTaken: '%{period} (lot déjà créé)',
      noFinishedMonth: "Aucun mois de ce programme n'est encore terminé.",
      submit: 'Créer le lot',
      created: 'Lot de %{period} créé : ses encaissements sont en cours de rassemblement.',
      noAnswer: "Le serveur n'a pas répondu : vérifiez la connexion.",
      retrySafe:
        'Cliquez de nouveau sur « Créer le lot » : la même demande sera renvoyée, sans risque de ' +
        'créer deux lots.',
      openExisting: 'Ouvrir le lot existant',
      title: 'Remboursement de %{period} — %{programme}',
      generating: 'Rassemblement des encaissements…',
      exporting: 'Production des fichiers…',
      progress: '%{what} %{done} / %{total}',
      generationFailed: 'La génération du lot a échoué.',
      exportFailed: 'La préparation des fichiers a échoué.',
      failedRetry:
        'Le traitement a été tenté trois fois sans succès. Relancez-le ; si l’échec se répète, ' +
        'prévenez l’équipe technique.',
      failedAskFinance:
        'Le traitement a été tenté trois fois sans succès. Un agent financier peut le relancer.',
      retry: 'Relancer',
      retried: 'Traitement relancé.',
      nothingToPayOnHold:
        'Rien à payer ce mois-ci : tous les lieux de ce lot sont en attente (voir les lignes). ' +
        'Leurs encaissements passeront dans un lot suivant une fois la cause levée.',
      nothingToPayEmpty:
        'Rien à payer ce mois-ci : aucun encaissement n’attendait de remboursement.',
      createdBy: 'Créé par %{name}',
      createdBySchedule: 'Créé automatiquement (tâche mensuelle)',
      generatedAt: 'Encaissements rassemblés le %{date}',
      approvedBy: 'Approuvé par %{name} le %{date}',
      exportRequested: 'Export demandé le %{date}, virements à exécuter le %{day}',
      exportedAt: 'Fichiers produits le %{date}',
      closedAt: 'Clos le %{date}',
      figures: {
        venues: 'Lieu |||| Lieux',
        cheques: '%{count} chèque |||| %{count} chèques',
        redemptions: '(%{count} encaissement) |||| (%{count} encaissements)',
        payable: 'À payer',
        onHold: 'En attente (reporté au lot suivant)',
        paid: 'Payé',
        rejected: 'Rejeté par la banque : %{amount}',
      },
      onHoldNotice:
        '%{amount} sont en attente : ces lieux ne seront pas payés par ce lot, leurs encaissements ' +
        'passeront dans un lot suivant une fois la cause levée (voir les lignes).',
      approve: 'Approuver',
      approveTitle: 'Approuver le lot de %{period} ?',
      approveContent:
        'Une fois approuvé, le lot ne change plus : %{amount} à payer à %{count} lieu, montants ' +
        'et comptes bancaires figés. Une erreur se corrigera par une ligne compensatoire dans un ' +
        'lot ultérieur. Il pourra ensuite être exporté vers la banque. |||| ' +
        'Une fois approuvé, le lot ne change plus : %{amount} à payer à %{count} lieux, montants ' +
        'et comptes bancaires figés. Une erreur se corrigera par une ligne compensatoire dans un ' +
        'lot ultérieur. Il pourra ensuite être exporté vers la banque.',
      confirmApprove: 'Approuver le lot',
      approved: 'Lot approuvé.',
      approvalRefusals: {
        FOUR_EYES_REQUIRED: "Vous avez créé ce lot : un second agent financier doit l'approuver.",
        NOT_DRAFT: "Seul un lot à approuver peut l'être.",
        ROLE: 'Seul un agent financier approuve un lot.',
      },
      export: 'Exporter',
      exportTitle: 'Exporter le lot de %{period}',
      exportContent:
        'Les fichiers pour la banque (virements SEPA) et pour le comptable public (état ' +
        'liquidatif, liste des chèques, synthèse, relevés des lieux) sont produits une seule ' +
        'fois. Choisissez le jour où la banque doit exécuter les virements.',
      exportNothingToPay:
        'Rien à payer dans ce lot : aucun fichier de virement ne sera produit, seulement la ' +
        'synthèse (et le manifeste). Le lot sera clos aussitôt, sans attendre la banque.',
      executionDate: "Date d'exécution demandée",
      executionDateRange: 'Une date du %{min} au %{max}.',
      confirmExport: 'Produire les fichiers',
      exportStarted: 'Export lancé : les fichiers sont en production.',
      download: 'Télécharger',
      downloadFile: 'Télécharger %{file}',
      downloadStatementOf: 'Télécharger le relevé de %{venue}',
      files: {
        title: 'Fichiers',
        file: 'Fichier',
        size: 'Taille',
        sha256: 'Empreinte SHA-256',
        sepa: 'Virements SEPA pour la banque',
        statementXlsx: 'État liquidatif (Excel)',
        statementCsv: 'État liquidatif (CSV)',
        cheques: 'Liste des chèques (CSV)',
        summary: 'Synthèse du lot et répartition par financeur (PDF)',
        manifest: 'Manifeste (contrôle des fichiers)',
        venueStatement: 'Relevé du lieu (PDF)',
        statements:
          'Et %{smart_count} relevé de lieu, à télécharger depuis sa ligne. |||| ' +
          'Et %{smart_count} relevés de lieux, à télécharger depuis leurs lignes.',
      },
      funders: {
        title: 'Répartition par financeur',
        funder: 'Financeur',
        share: 'Part',
        amount: 'Montant',
      },
      lines: {
        title: 'Lieux',
        status: 'Statut',
        allStatuses: 'Tous',
        none: 'Aucune ligne.',
        venue: 'Lieu',
        cheques: 'Chèques',
        redemptions: '%{count} encaissement |||| %{count} encaissements',
        amount: 'Montant',
        payee: 'Bénéficiaire du virement',
        statement: 'Relevé',
        paidOn: 'Payé le %{day}.',
        rejected: 'Motif de la banque : %{reason}',
      },
      payments: {
        open: 'Enregistrer les paiements',
        title: 'Paiements',
        titleOf: 'Paiements du lot de %{period}',
        intro:
          'Reportez la réponse de la banque pour chaque lieu : payé (à quelle date) ou rejeté ' +
          '(avec le motif de la banque). Les lieux sans réponse restent à payer. Un lieu rejeté ' +
          'sera repris dans un lot suivant, une fois de nouvelles coordonnées bancaires vérifiées.',
        nothingLeft: 'Tous les lieux ont déjà une réponse de la banque.',
        bulkDay: 'Date du paiement',
        markAllPaid: 'Tout marquer payé',
        outcome: 'Réponse de la banque',
        outcomeOf: 'Réponse de la banque pour %{venue}',
        details: 'Date ou motif',
        noAnswer: 'Sans réponse',
        paid: 'Payé',
        rejected: 'Rejeté',
        paidOn: 'Payé le',
        paidOnOf: 'Payé le (%{venue})',
        reason: 'Motif du rejet',
        reasonOf: 'Motif du rejet (%{venue})',
        submit: 'Enregistrer %{smart_count} réponse |||| Enregistrer %{smart_count} réponses',
        recorded: 'Paiements enregistrés.',
      },
      statusReport: {
        open: 'Importer le compte rendu de la banque',
        help:
          'Le compte rendu de la banque (fichier pain.002, XML) enregistre à votre place les ' +
          'virements payés et rejetés. Les lieux qu’il ne tranche pas restent à payer.',
        uploaded: 'Compte rendu de la banque importé.',
        title: 'Ce que dit le compte rendu de la banque',
        empty: 'Ce compte rendu ne nomme aucun virement de ce lot : rien n’a changé.',
        paid: '%{smart_count} lieu payé |||| %{smart_count} lieux payés',
        rejected:
          '%{smart_count} lieu rejeté par la banque, repris dans un lot suivant |||| ' +
          '%{smart_count} lieux rejetés par la banque, repris dans un lot suivant',
        pending:
          '%{smart_count} lieu encore en attente à la banque : rien n’est enregistré pour lui |||| ' +
          '%{smart_count} lieux encore en attente à la banque : rien n’est enregistré pour eux',
        skipped:
          '%{smart_count} lieu avait déjà une réponse : laissé tel quel |||| ' +
          '%{smart_count} lieux avaient déjà une réponse : laissés tels quels',
        unknown:
          '%{smart_count} virement inconnu de ce lot, ignoré (référence de bout en bout) |||| ' +
          '%{smart_count} virements inconnus de ce lot, ignorés (références de bout en bout)',
        paidOn: 'payé le %{day}',
      },
    },
    queues: {
      menu: "Files d'attente",
    },
    statements: {
      title: 'Mes relevés',
      intro:
        'Chaque mois, les chèques encaissés par votre lieu sont remboursés par virement. Voici, ' +
        'mois par mois, ce qui vous est payé et où en est le paiement.',
      none: "Aucun remboursement pour l'instant : le premier arrive le mois qui suit vos premiers encaissements.",
      amount: '%{count} chèque — %{amount} |||| %{count} chèques — %{amount}',
      preparing: 'En préparation.',
      transferOn: 'Virement demandé à la banque pour le %{day}.',
      downloadOf: 'Télécharger le relevé de %{period} (PDF)',
    },
    reports: {
      title: 'Tableau de bord',
      programme: 'Programme',
      noProgramme: "Aucun programme à afficher pour l'instant.",
      notForYou:
        "Le tableau de bord n'est pas ouvert à votre rôle : vos chiffres sont sur votre page d'accueil.",
      scope: {
        programme: '%{programme} — tout le programme',
        commune: '%{programme} — commune de %{commune}',
      },
      freshness: {
        asOf: 'Données au %{asOf}',
        never: "Les chiffres n'ont pas encore été calculés.",
        neverExplained:
          'Les chiffres sont calculés régulièrement (toutes les quelques minutes) : ils apparaîtront ' +
          'après le prochain calcul.',
        refresh: 'Mettre à jour',
        refreshing: 'Mise à jour des chiffres en cours…',
        done: 'Chiffres mis à jour.',
        slow:
          "La mise à jour prend plus de temps que prévu : les chiffres affichés restent ceux d'avant. " +
          'Rechargez la page dans quelques minutes.',
      },
      showTable: 'Voir le tableau',
      hideTable: 'Masquer le tableau',
      noRows: 'Rien à afficher pour l’instant.',
      days: '%{smart_count} jour |||| %{smart_count} jours',
      export: {
        csv: 'CSV',
        xlsx: 'Excel',
        csvOf: 'Exporter « %{report} » en CSV',
        xlsxOf: 'Exporter « %{report} » en Excel',
      },
      kpi: {
        title: 'Chiffres clés',
        label: 'Chiffres clés',
        handedOut: 'carnet remis à un bénéficiaire |||| carnets remis aux bénéficiaires',
        handedOutDetail: 'dont %{started} commencés et %{completed} entièrement utilisés',
        households: 'foyer touché |||| foyers touchés',
        used: 'chèque utilisé |||| chèques utilisés',
        usedDetail:
          'dont %{reimbursed} déjà payé au lieu |||| dont %{reimbursed} déjà payés aux lieux',
        rate: "taux d'utilisation",
        rateDetail: 'chèques utilisés sur les chèques des carnets remis',
        committed: 'montant engagé',
        committedDetail: 'valeur des chèques émis, ni annulés ni expirés',
        redeemed: 'montant utilisé',
        redeemedDetail: 'valeur des chèques utilisés (budget consommé)',
        paid: 'montant payé aux lieux',
        paidDetail: 'virements des remboursements payés',
        remaining: 'budget restant',
        remainingDetail: 'sur un budget de %{budget}',
        firstUse: 'délai médian avant la première utilisation',
        firstUseDetail: '9 carnets sur 10 en moins de %{p90} (%{carnets} carnets utilisés)',
        firstUseNone: "Aucun carnet remis n'a encore servi.",
      },
      funnel: {
        title: 'Du carnet émis au chèque payé',
        description:
          'Chaque étape en chèques, pour les comparer : un carnet compte pour ses chèques. Alloués : ' +
          'les carnets reçus du stock du programme (retours déduits).',
        descriptionWithPlan:
          'Chaque étape en chèques, pour les comparer : un carnet compte pour ses chèques. Alloués : ' +
          'les carnets reçus du stock du programme (retours déduits), sur %{count} carnet prévu par ' +
          'la répartition en vigueur. |||| Chaque étape en chèques, pour les comparer : un carnet ' +
          'compte pour ses chèques. Alloués : les carnets reçus du stock du programme (retours ' +
          'déduits), sur %{count} carnets prévus par la répartition en vigueur.',
        stage: 'Étape',
        issued: 'Émis',
        allocated: 'Alloués aux communes',
        allocatedCommune: 'Reçus par la commune',
        handedOut: 'Remis aux bénéficiaires',
        handedOutCommune: 'Remis à ses habitants',
        used: 'Utilisés',
        paid: 'Payés aux lieux',
        share: '% de la 1re étape',
      },
      timeseries: {
        title: 'Utilisation mois par mois',
        description:
          'Carnets remis et chèques utilisés chaque mois depuis le début du programme (le mois de ' +
          "l'accompagnement pour les chèques).",
        venueDescription:
          "Les chèques encaissés par votre lieu chaque mois (le mois de l'accompagnement) et ce qui " +
          'vous en a été payé.',
      },
      households: {
        title: 'Publics touchés',
        description:
          '%{count} foyer touché, selon sa situation et sa tranche d’âge à la remise. |||| ' +
          '%{count} foyers touchés, selon leur situation et leur tranche d’âge à la remise.',
        bySituation: 'Par situation',
        byAgeBand: "Par tranche d'âge",
      },
      communes: {
        title: 'Communes',
        description:
          'Par commune de résidence des bénéficiaires : stock, carnets remis et utilisation, aussi ' +
          'pour 1 000 habitants. Cliquez sur un en-tête de colonne pour trier.',
        map: {
          label: 'Carte des communes',
          measure: 'Taille des cercles',
          byHandedOut: 'Carnets remis',
          byPer1000: 'Pour 1 000 habitants',
          details: '%{handedOut} carnets remis · %{per1000} pour 1 000 hab. · utilisation %{rate}',
          plainGround: 'Carte sans fond de plan : chaque cercle est placé au centre de sa commune.',
          tilesFailed: 'Le fond de plan ne se charge pas : seuls les cercles sont affichés.',
          located:
            '%{smart_count} commune sur la carte ; le tableau donne les mêmes chiffres. |||| ' +
            '%{smart_count} communes sur la carte ; le tableau donne les mêmes chiffres.',
        },
        legend: {
          handedOut: 'Carnets remis :',
          per1000: 'Carnets remis pour 1 000 habitants :',
          carnets: '%{count} carnet |||| %{count} carnets',
          perThousand: '%{count} pour 1 000',
        },
      },
      funders: {
        title: 'Dépenses par financeur',
        description:
          'La part de chaque financeur dans le budget, les montants engagés, utilisés et payés.',
      },
      prescribers: {
        title: 'Structures prescriptrices',
        description:
          'Le stock de chaque structure, les carnets qu’elle a remis et ce qu’ils sont devenus.',
      },
      venues: {
        title: 'Lieux de médiation',
        description:
          'Les accompagnements payés par chèques dans chaque lieu, et ce qui lui a été remboursé.',
      },
      services: {
        title: 'Utilisation par service',
        description: 'Les chèques utilisés pour chaque service de médiation numérique.',
      },
      needs: {
        title: 'Besoins des bénéficiaires',
        description:
          'Les services et démarches en ligne relevés au diagnostic (un carnet compte pour chacun ' +
          'de ses besoins) et l’utilisation de ces carnets.',
        none: 'Aucun besoin précisé',
        kinds: {
          SERVICE: 'Service',
          PROCEDURE: 'Démarche en ligne',
          NONE: '—',
        },
      },
      expiry: {
        title: 'Chèques bientôt expirés',
        description:
          'Les chèques non utilisés qui expirent dans les 90 prochains jours, et où ils se trouvent : ' +
          'à remettre ou à utiliser vite.',
        withinDays: 'Dans les %{smart_count} jours',
        within: {
          30: 'Dans les 30 jours',
          60: 'Dans 31 à 60 jours',
          90: 'Dans 61 à 90 jours',
        },
        holders: {
          PROGRAMME: 'Stock du programme',
          COMMUNE: 'Communes',
          PRESCRIBER: 'Structures prescriptrices',
          BENEFICIARY: 'Chez les bénéficiaires',
        },
        atProgramme: 'Stock du programme',
        atCommune: 'Commune de %{commune}',
        atPrescriber: '%{prescriber}',
        atBeneficiaries: 'Bénéficiaires de %{commune}',
        atBeneficiariesOf: 'Bénéficiaires de %{commune} (remis par %{prescriber})',
      },
      columns: {
        month: 'Mois',
        carnets: 'Carnets',
        cheques: 'Chèques',
        handedOut: 'Carnets remis',
        redemptions: 'Accompagnements',
        usedCheques: 'Chèques utilisés',
        usedAmount: 'Montant utilisé',
        paid: 'Payé',
        funder: 'Financeur',
        funderKind: 'Type',
        share: 'Part',
        budget: 'Budget',
        committed: 'Engagé',
        redeemed: 'Utilisé',
        commune: 'Commune',
        population: 'Habitants',
        allocated: 'Alloués',
        received: 'Reçus',
        stock: 'En stock',
        handedOutPer1000: 'Remis pour 1 000 hab.',
        usedChequesPer1000: 'Chèques utilisés pour 1 000 hab.',
        households: 'Foyers',
        shareOfHouseholds: 'Part des foyers',
        started: 'Carnets commencés',
        completed: 'Carnets terminés',
        rate: "Taux d'utilisation",
        firstUseMedian: 'Délai médian avant 1re utilisation',
        firstUseP90: '9 carnets sur 10 utilisés avant',
        prescriber: 'Structure',
        prescriberType: 'Type de structure',
        venue: 'Lieu',
        participants: 'Participants',
        serviceCount: 'Services différents',
        service: 'Service',
        venues: 'Lieux',
        need: 'Besoin',
        needKind: 'Nature du besoin',
        expiresWithin: 'Expire',
        place: 'Où ils sont',
        amount: 'Montant',
      },
      home: {
        open: 'Ouvrir le tableau de bord',
        communeFigures: 'Les chiffres de la commune',
        venueFigures: 'Mes chiffres',
      },
      venueFigures: {
        title: 'Mes chiffres',
        programme: 'Programme « %{programme} »',
        totals: 'Depuis le début du programme',
        redemptions: 'accompagnement payé par chèques |||| accompagnements payés par chèques',
        cheques: 'chèque encaissé |||| chèques encaissés',
        amount: 'montant des chèques encaissés',
        paid: 'déjà payé à votre lieu',
        participants: 'participant |||| participants',
        none: "Votre lieu n'a encore encaissé aucun chèque de ce programme.",
        noRedemption:
          "Votre lieu n'a encore encaissé aucun chèque : vos chiffres apparaîtront après vos premiers " +
          'encaissements.',
      },
    },
    budget: {
      budget: 'Budget',
      allocated: 'Alloué',
      remaining: 'Reste',
      issued: 'Chèques émis',
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
        invitationPending: 'Invitation en attente',
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
        sepaFormat: 'Format du fichier de virement SEPA',
        openData: "Publier les données d'usage en open data",
        helpPhone: "Numéro d'aide aux bénéficiaires",
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
    venues: {
      name: 'Lieu de médiation |||| Lieux de médiation',
      fields: {
        q: 'Rechercher',
        name: 'Nom',
        pivot: 'SIRET ou RNA',
        address: 'Adresse',
        addressComplement: "Complément d'adresse",
        postalCode: 'Code postal',
        communeName: 'Commune',
        inseeCode: 'Code INSEE',
        latitude: 'Latitude',
        longitude: 'Longitude',
        typologies: 'Typologies',
        itinerance: 'Itinérance',
        servedInseeCodes: 'Communes desservies (codes INSEE)',
        horaires: "Horaires d'ouverture",
        services: 'Services',
        publics: 'Publics spécifiquement adressés',
        specificSupport: 'Prise en charge spécifique',
        fees: 'Frais à charge',
        accessModalities: "Modalités d'accès",
        supportModalities: "Modalités d'accompagnement",
        phone: 'Téléphone',
        email: 'E-mail',
        website: 'Site web',
        summary: 'Présentation résumée',
        qualificationStatus: 'Statut',
        acceptsPass: 'Accepte le pass',
        createdAt: 'Créé le',
        updatedAt: 'Mis à jour le',
      },
    },
    'pending-bank-accounts': {
      name: 'Compte à vérifier |||| Comptes à vérifier',
      fields: {
        venueName: 'Lieu',
        holderName: 'Titulaire',
        iban: 'IBAN',
        bic: 'BIC',
        status: 'Statut',
        enteredBy: 'Saisi par',
        enteredAt: 'Saisi le',
        decidedBy: 'Décidé par',
        decidedAt: 'Décidé le',
        decisionReason: 'Motif',
        hasDocument: 'RIB',
        validFrom: 'Valable du',
        validTo: 'au',
      },
    },
    prescribers: {
      name: 'Prescripteur |||| Prescripteurs',
      fields: {
        q: 'Rechercher',
        name: 'Nom',
        type: 'Type',
        inseeCode: 'Commune',
        communeName: 'Commune',
        siret: 'SIRET',
        rna: 'RNA (associations)',
        address: 'Adresse',
        email: 'E-mail',
        phone: 'Téléphone',
        servedInseeCodes: 'Autres communes desservies',
        servedCommunes: 'Autres communes desservies',
        createdAt: 'Créé le',
        updatedAt: 'Mis à jour le',
      },
    },
    trainings: {
      name: 'Formation |||| Formations',
      fields: {
        date: 'Date',
        trainerName: 'Formateur ou organisme',
        topics: 'Thèmes',
        attendees: 'Participants',
        attendeeIds: 'Participants',
        prescriberId: 'Structure',
        from: 'Depuis le',
        to: "Jusqu'au",
        createdAt: 'Enregistrée le',
      },
    },
    beneficiaries: {
      name: 'Bénéficiaire |||| Bénéficiaires',
      fields: {
        firstName: 'Prénom',
        situation: 'Situation',
        ageBand: 'Âge',
        createdAt: 'Inscrite le',
      },
    },
    carnets: {
      name: 'Carnet |||| Carnets',
      fields: {
        serial: 'N°',
        status: 'Statut',
        holder: 'Détenteur',
        holderKind: 'Type de détenteur',
        programmeId: 'Programme',
        issuanceId: 'Émission',
        inseeCode: 'Commune (code INSEE)',
        prescriberId: 'Structure prescriptrice',
        serialFrom: 'Du n°',
        serialTo: 'Au n°',
        cancellationReason: "Motif d'annulation",
        cancellationComment: 'Commentaire',
        cancelledAt: 'Annulé le',
        lastHolder: 'Dernier détenteur',
        replacesCarnetId: 'Remplace',
        createdAt: 'Émis le',
      },
    },
    'reimbursement-batches': {
      name: 'Remboursement |||| Remboursements',
      fields: {
        period: 'Période',
        programmeId: 'Programme',
        programmeName: 'Programme',
        status: 'Statut',
        lineCount: 'Lieux',
        chequeCount: 'Chèques',
        payableCents: 'À payer',
        onHoldCents: 'En attente',
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
