import type { QualificationStatus } from '@carnet/domain';
import type { SetBankAccountDto } from '#src/venues/dto/bank-account.dto.js';
import type { CreateVenueDto } from '#src/venues/dto/venue.dto.js';

export interface DemoVenue {
  venue: CreateVenueDto;
  status: QualificationStatus;
  bank: 'NONE' | 'PENDING' | 'VERIFIED';
  bankAccount?: SetBankAccountDto;
}

/** Checksum-valid but made-up SIRETs and IBANs (with valid RIB keys): demo data only. */
const DEMO_SIRETS = [
  '21620000609826',
  '21620000614891',
  '21620000635151',
  '21620000639203',
  '21620000657437',
  '21620000658450',
  '21620000662502',
  '21620000676684',
  '21620000680736',
  '21620000686782',
];
const DEMO_IBANS = [
  'FR76 1513 5621 0104 0000 0791 985',
  'FR76 1513 5621 0204 0000 1583 878',
  'FR76 1513 5621 0304 0000 2375 771',
  'FR76 1513 5621 0404 0000 3167 664',
  'FR76 1513 5621 0504 0000 3959 557',
  'FR76 1513 5621 0604 0000 4751 450',
  'FR76 1513 5621 0704 0000 5543 343',
  'FR76 1513 5621 0804 0000 6335 236',
  'FR76 1513 5621 0904 0000 7127 129',
  'FR76 1513 5621 1004 0000 7919 022',
];

const WORKSHOPS = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
];
const HOURS = 'Mo-Fr 09:00-12:00,14:00-17:30';

/**
 * A dozen mediation places of the Lens-Liévin territory, ILLUSTRATIVE: names, SIRETs (checksums
 * valid), IBANs (valid test numbers) and coordinates are made up for the demo.
 */
export const DEMO_VENUES: DemoVenue[] = [
  {
    venue: {
      name: 'Espace public numérique de Liévin',
      pivot: '21620000605774',
      address: '12 rue Jean Jaurès',
      postalCode: '62800',
      communeName: 'Liévin',
      inseeCode: '62510',
      latitude: 50.4229,
      longitude: 2.7787,
      typologies: ['EPN'],
      itinerance: ['Fixe'],
      horaires: `${HOURS}; Sa 09:00-12:00`,
      services: [...WORKSHOPS, 'Utilisation sécurisée du numérique'],
      publics: ['Seniors'],
      fees: ['Gratuit'],
      accessModalities: ['Se présenter', 'Téléphoner'],
      supportModalities: ['Accompagnement individuel', 'Dans un atelier collectif'],
      phone: '03 21 44 89 00',
      summary: 'Ateliers numériques pour tous, du lundi au samedi.',
    },
    status: 'QUALIFIED',
    bank: 'VERIFIED',
    bankAccount: {
      holderName: 'TRESOR PUBLIC COMMUNE DE LIEVIN',
      iban: 'FR76 1513 5621 0004 0000 0000 092',
      bic: 'CEPAFRPP627',
    },
  },
  ...(
    [
      [
        'Médiathèque Robert Cousin',
        '62498',
        'Lens',
        '62300',
        50.4291,
        2.8319,
        ['BIB'],
        'QUALIFIED',
        'VERIFIED',
      ],
      [
        'Maison de quartier Calonne',
        '62510',
        'Liévin',
        '62800',
        50.4335,
        2.7641,
        ['MQ'],
        'QUALIFIED',
        'VERIFIED',
      ],
      [
        'Tiers-lieu La Fabrique Numérique',
        '62065',
        'Avion',
        '62210',
        50.4102,
        2.8331,
        ['TIERS_LIEUX'],
        'QUALIFIED',
        'VERIFIED',
      ],
      [
        'Centre social Jean Jaurès',
        '62413',
        'Harnes',
        '62440',
        50.4457,
        2.9055,
        ['CS'],
        'QUALIFIED',
        'VERIFIED',
      ],
      [
        'France services de Méricourt',
        '62570',
        'Méricourt',
        '62680',
        50.4011,
        2.8661,
        ['MUNI'],
        'QUALIFIED',
        'PENDING',
      ],
      [
        'Association Clic & Lien',
        '62771',
        'Sallaumines',
        '62430',
        50.4179,
        2.8604,
        ['ASSO'],
        'QUALIFIED',
        'VERIFIED',
      ],
      [
        'EPN de Bully-les-Mines',
        '62186',
        'Bully-les-Mines',
        '62160',
        50.4431,
        2.7262,
        ['EPN'],
        'SUSPENDED',
        'VERIFIED',
      ],
      [
        'Espace numérique de Wingles',
        '62895',
        'Wingles',
        '62410',
        50.4939,
        2.8536,
        ['EPN'],
        'QUALIFIED',
        'NONE',
      ],
      [
        'Cyber-base de Grenay',
        '62386',
        'Grenay',
        '62160',
        50.449,
        2.7449,
        ['EPN'],
        'UNDER_REVIEW',
        'NONE',
      ],
      [
        'Point numérique de Loos-en-Gohelle',
        '62528',
        'Loos-en-Gohelle',
        '62750',
        50.4573,
        2.7913,
        ['MUNI'],
        'APPLIED',
        'NONE',
      ],
    ] as const
  ).map(
    (
      [name, inseeCode, communeName, postalCode, latitude, longitude, typologies, status, bank],
      i,
    ) => ({
      venue: {
        name,
        pivot: DEMO_SIRETS[i],
        address: `${i + 3} place de la Mairie`,
        postalCode,
        communeName,
        inseeCode,
        latitude,
        longitude,
        typologies: [...typologies],
        itinerance: ['Fixe'],
        horaires: HOURS,
        services: WORKSHOPS,
        fees: ['Gratuit'],
        accessModalities: ['Se présenter'],
        supportModalities: ['Dans un atelier collectif'],
      },
      status,
      bank,
      ...(bank === 'NONE'
        ? {}
        : {
            bankAccount: {
              holderName: name.toUpperCase(),
              iban: DEMO_IBANS[i],
              bic: 'CEPAFRPP627',
            },
          }),
    }),
  ),
  {
    venue: {
      name: 'Bus numérique du Bassin minier',
      pivot: 'W623001234',
      address: '2 rue des Mineurs',
      postalCode: '62300',
      communeName: 'Lens',
      inseeCode: '62498',
      typologies: ['ASSO'],
      itinerance: ['Itinérant'],
      servedInseeCodes: ['62386', '62528', '62895', '62186'],
      horaires: 'Tu,Th 09:00-17:00',
      services: WORKSHOPS,
      publics: ['Seniors', 'Familles et/ou enfants'],
      fees: ['Gratuit'],
      accessModalities: ['Téléphoner'],
      supportModalities: ['Dans un atelier collectif'],
      summary: 'Un bus équipé de 8 postes qui passe chaque semaine dans les villages.',
    },
    status: 'QUALIFIED',
    bank: 'VERIFIED',
    bankAccount: {
      holderName: 'ASSOCIATION BUS NUMERIQUE',
      iban: 'FR14 2004 1010 0505 0001 3M02 606',
      bic: 'PSSTFRPPLIL',
    },
  },
];
