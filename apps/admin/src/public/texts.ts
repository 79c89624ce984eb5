// The public page's words. Kept here rather than in i18n/fr.ts: the page must not download the
// admin's whole dictionary (and react-admin's translation machinery) on a beneficiary's phone.

const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

export const TEXTS = {
  documentTitle: 'Où utiliser mon Pass numérique ?',
  brand: 'Pass numérique',
  accessibility: 'Accessibilité : partiellement conforme',
  title: 'Où utiliser mon Pass numérique ?',
  intro:
    'Vos chèques Pass numérique sont acceptés dans les lieux ci-dessous. Un chèque paie une ' +
    "heure d'accompagnement au numérique : vous n'avez rien à payer.",
  chooseProgramme: 'Choisissez le Pass numérique de votre territoire :',
  noProgramme: "Aucun Pass numérique n'est en cours pour le moment.",
  programmeNotFound:
    "Ce Pass numérique n'existe pas ou n'est plus en cours. Vérifiez l'adresse écrite sur votre carnet.",
  allProgrammes: 'Voir les Pass numériques en cours',
  loading: 'Chargement…',
  failed: 'Les lieux ne peuvent pas être affichés pour le moment.',
  tooMany: 'Trop de demandes en peu de temps : patientez une minute.',
  retry: 'Réessayer',
  filters: 'Choisir les lieux',
  commune: 'Votre commune',
  allCommunes: 'Toutes les communes',
  need: 'Votre besoin',
  allNeeds: 'Tous les besoins',
  found: (n: number) =>
    n === 0
      ? 'Aucun lieu ne correspond à votre choix. Essayez « Toutes les communes » ou « Tous les besoins ».'
      : `${n} ${plural(n, 'lieu accepte', 'lieux acceptent')} votre Pass numérique.`,
  map: 'Carte des lieux',
  zoomIn: 'Zoomer',
  zoomOut: 'Dézoomer',
  list: 'Liste des lieux',
  itinerant: 'Lieu itinérant : il se déplace dans plusieurs communes.',
  hours: 'Horaires :',
  phone: 'Téléphone :',
  email: 'E-mail :',
  website: 'Site internet',
  booking: 'Pour prendre rendez-vous :',
  services: 'Le Pass numérique paie ici :',
} as const;
