/** The files of an exported batch: their names are the download API's contract. */

export const MEDIA_TYPES = {
  xml: 'application/xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
} as const;

export const BATCH_FILES = {
  sepa: { name: 'sepa.xml', mediaType: MEDIA_TYPES.xml },
  etatLiquidatifXlsx: { name: 'etat-liquidatif.xlsx', mediaType: MEDIA_TYPES.xlsx },
  etatLiquidatifCsv: { name: 'etat-liquidatif.csv', mediaType: MEDIA_TYPES.csv },
  cheques: { name: 'cheques.csv', mediaType: MEDIA_TYPES.csv },
  summary: { name: 'synthese.pdf', mediaType: MEDIA_TYPES.pdf },
  manifest: { name: 'manifest.json', mediaType: MEDIA_TYPES.json },
} as const;

/** Names the file table accepts (reimbursement_file.name): lower-case letters, digits, . and -. */
export const BATCH_FILE_NAME = /^[a-z0-9][a-z0-9.-]{0,119}$/;

/** A venue's statement, by its SIRET or RNA: releve-21620510700015.pdf, releve-w623000123.pdf. */
export function statementFileName(venuePivot: string): string {
  const name = `releve-${venuePivot.toLowerCase()}.pdf`;
  if (!BATCH_FILE_NAME.test(name)) throw new RangeError(`Not a venue pivot: "${venuePivot}"`);
  return name;
}

export const STATEMENT_MEDIA_TYPE = MEDIA_TYPES.pdf;
