/**
 * Text, identifiers and amounts of SEPA credit transfers, as the EPC rulebook wants them. XML
 * allows any Unicode text, but banks only exchange the EPC's basic Latin set unless agreed
 * otherwise, and reject or mangle the rest: "Liévin" must be sent as "Lievin".
 */

/**
 * Versions of the SEPA credit-transfer message (ISO 20022 pain.001) a programme's batches are
 * exported in: pain.001.001.09 is the EPC's current rulebook (the default); .03 is kept for banks
 * that still ask for it.
 */
export const SEPA_FORMATS = ['pain.001.001.09', 'pain.001.001.03'] as const;
export type SepaFormat = (typeof SEPA_FORMATS)[number];

/** The EPC basic Latin set: letters, digits, space and / - ? : ( ) . , ' + */
const EPC_CHARACTER = /^[A-Za-z0-9/\-?:().,'+ ]$/;

export function isEpcText(value: string): boolean {
  return /^[A-Za-z0-9/\-?:().,'+ ]*$/.test(value);
}

/**
 * Characters with a meaningful replacement that Unicode decomposition does not give (NFKD already
 * turns é into e + accent, ﬁ into fi, … into ..., a no-break space into a space). Everything else
 * outside the set becomes a full stop, as the EPC's conversion table does.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ẞ: 'SS',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  þ: 'th',
  Þ: 'TH',
  // Apostrophes and quotes: the set has only the straight apostrophe.
  '\u2019': "'",
  '\u2018': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u02bc': "'",
  '`': "'",
  '\u00b4': "'",
  '"': "'",
  '\u201c': "'",
  '\u201d': "'",
  '\u201e': "'",
  '\u00ab': "'",
  '\u00bb': "'",
  '\u2039': "'",
  '\u203a': "'",
  // Dashes and hyphens.
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  _: '-',
  '&': '+',
  ';': ',',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '<': '(',
  '>': ')',
  '\\': '/',
  '\u2044': '/',
  '€': 'EUR',
};

/**
 * `value` in the EPC character set: accents dropped (é → e, ç → c), ligatures spelt out
 * (œ → oe, æ → ae, ß → ss), typographic apostrophes and quotes as ', dashes as -, & as +, any
 * space (no-break, tab, new line) as one space, and whatever has no replacement as a full stop;
 * runs of spaces collapsed and the ends trimmed.
 */
export function toEpcText(value: string): string {
  let out = '';
  for (const char of value.normalize('NFKD')) {
    if (/\p{M}/u.test(char)) continue;
    const replaced = REPLACEMENTS[char] ?? char;
    for (const c of replaced) {
      out += EPC_CHARACTER.test(c) ? c : /\s/u.test(c) ? ' ' : '.';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** At most this many characters in a name (EPC rulebook: AT-E001 / AT-E002, 70). */
export const SEPA_NAME_MAX_LENGTH = 70;
/** At most this many characters of unstructured remittance information (AT-05, 140). */
export const SEPA_REMITTANCE_MAX_LENGTH = 140;

/** `value` in the EPC set (toEpcText), cut to `maxLength` characters without a trailing space. */
export function epcText(value: string, maxLength: number): string {
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`Not a maximum length: ${maxLength}`);
  }
  return toEpcText(value).slice(0, maxLength).trimEnd();
}

/** A debtor's or creditor's name as sent: EPC set, at most 70 characters. */
export function sepaName(value: string): string {
  return epcText(value, SEPA_NAME_MAX_LENGTH);
}

/** Unstructured remittance information as sent: EPC set, at most 140 characters. */
export function sepaRemittance(value: string): string {
  return epcText(value, SEPA_REMITTANCE_MAX_LENGTH);
}

/** Identifiers (message, payment information, end-to-end) are at most 35 characters. */
export const SEPA_ID_MAX_LENGTH = 35;

/**
 * A SEPA identifier as the EPC rulebook allows it: 1 to 35 characters of the EPC set without
 * spaces, not starting with "/" and without "//".
 */
export function isSepaId(value: string): boolean {
  return (
    /^[A-Za-z0-9/\-?:().,'+]{1,35}$/.test(value) && !value.startsWith('/') && !value.includes('//')
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidHex(value: string, what: string): string {
  if (!UUID.test(value)) throw new RangeError(`${what} must be a UUID, got "${value}"`);
  return value.replace(/-/g, '').toLowerCase();
}

/**
 * The end-to-end id of a venue's transfer in a batch, `<batch>-<venue>`: the first 12 hex digits
 * of the batch's UUID and the first 22 of the venue's, 35 characters in all. Two UUIDs do not fit
 * in 35 characters, so the venue keeps 88 bits (no two venues of a batch share them in practice:
 * the odds are below 1 in 10^19 for 2,000 venues) and the batch 48 bits, which only help a person
 * reading a bank statement; the bank answers with the message id as well. Store the id on the
 * line when exporting, and match the bank's status report on it.
 */
export function sepaEndToEndId(batchId: string, venueId: string): string {
  return `${uuidHex(batchId, 'The batch id').slice(0, 12)}-${uuidHex(venueId, 'The venue id').slice(0, 22)}`;
}

/**
 * The message id of a batch's transfer file: `PN-<period>-` and 24 hex digits of the batch's
 * UUID (35 characters), so that a finance officer recognises the month in the bank's portal.
 */
export function sepaMessageId(batchId: string, period: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return `PN-${period}-${uuidHex(batchId, 'The batch id').slice(0, 24)}`;
}

/** An amount of cents as SEPA writes it: 123456 → "1234.56", always two decimals, no float. */
export function formatSepaAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) {
    throw new RangeError(`A SEPA amount is a non-negative integer of cents, got ${cents}`);
  }
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
