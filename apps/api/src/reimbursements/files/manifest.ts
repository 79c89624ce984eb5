import { assertCents, formatSepaAmount, isPeriod, parisDateTime } from '@carnet/domain';
import type { Writable } from 'node:stream';
import { BATCH_FILE_NAME, BATCH_FILES } from './names.js';
import { type FileDigest, writeChunks } from './output.js';

/**
 * manifest.json, the last file of an export: what the batch holds and every other file with its
 * size and SHA-256, so that whoever receives the files (the accountant, the bank, an auditor)
 * can check none was changed or left out. Keys always come in the same order and files by name:
 * the same batch gives the same bytes.
 *
 * A batch with no payable line (no redemption waited, or every venue is on hold) has nothing to
 * pay: `nothingToPay` is true, there is no sepa.xml (a transfer file needs one transaction at
 * least) and the SEPA control figures are null rather than a zero that would announce a file.
 */

export interface ManifestFile {
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

export interface ManifestInput {
  batchId: string;
  programme: { id: string; name: string };
  /** YYYY-MM. */
  period: string;
  /** The export's time (export_requested_at), written on Paris's clock with its offset. */
  generatedAt: Date;
  counts: {
    lines: number;
    payableLines: number;
    onHoldLines: number;
    cheques: number;
    redemptions: number;
  };
  controlTotals: { payableCents: number; onHoldCents: number };
  /** Every file of the export but the manifest, in any order. */
  files: readonly ManifestFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Invalid ${what}: ${value}`);
  }
  return value;
}

/** The manifest as text (JSON, two-space indented, a final line end). */
export function manifestJson(input: ManifestInput): string {
  if (!isPeriod(input.period)) throw new RangeError(`Not a period: ${input.period}`);
  const { counts, controlTotals } = input;
  assertCents(controlTotals.payableCents);
  assertCents(controlTotals.onHoldCents);
  if (counts.payableLines + counts.onHoldLines !== counts.lines) {
    throw new RangeError(
      `${counts.payableLines} payable and ${counts.onHoldLines} on hold lines are not ${counts.lines}`,
    );
  }
  const names = new Set<string>();
  const files = [...input.files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => {
      if (!BATCH_FILE_NAME.test(file.name) || file.name === BATCH_FILES.manifest.name) {
        throw new RangeError(`Not a file the manifest may list: "${file.name}"`);
      }
      if (names.has(file.name)) throw new RangeError(`"${file.name}" is listed twice`);
      names.add(file.name);
      if (!SHA256.test(file.sha256)) {
        throw new RangeError(`"${file.name}": not a SHA-256 "${file.sha256}"`);
      }
      return {
        name: file.name,
        mediaType: file.mediaType,
        bytes: count(file.bytes, `size of "${file.name}"`),
        sha256: file.sha256,
      };
    });
  const nothingToPay = counts.payableLines === 0;
  const listsSepa = files.some((file) => file.name === BATCH_FILES.sepa.name);
  if (listsSepa === nothingToPay) {
    throw new RangeError(
      nothingToPay
        ? 'A batch with nothing to pay has no sepa.xml to list'
        : `${counts.payableLines} payable lines but no sepa.xml listed`,
    );
  }
  if (nothingToPay && controlTotals.payableCents !== 0) {
    throw new RangeError(`No payable line, yet ${controlTotals.payableCents} cents to pay`);
  }
  // Built key by key, in the order a reader expects: JSON.stringify keeps insertion order.
  const manifest = {
    batchId: input.batchId,
    programme: { id: input.programme.id, name: input.programme.name },
    period: input.period,
    generatedAt: parisDateTime(input.generatedAt),
    nothingToPay,
    counts: {
      lines: count(counts.lines, 'line count'),
      payableLines: count(counts.payableLines, 'payable line count'),
      onHoldLines: count(counts.onHoldLines, 'on-hold line count'),
      cheques: count(counts.cheques, 'cheque count'),
      redemptions: count(counts.redemptions, 'redemption count'),
    },
    controlTotals: {
      currency: 'EUR',
      payableCents: controlTotals.payableCents,
      onHoldCents: controlTotals.onHoldCents,
      // What sepa.xml announces in its group header (NbOfTxs, CtrlSum); null: no sepa.xml.
      sepaNumberOfTransactions: nothingToPay ? null : counts.payableLines,
      sepaControlSum: nothingToPay ? null : formatSepaAmount(controlTotals.payableCents),
    },
    files,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes manifest.json into `out` and ends it; resolves with its size and SHA-256. */
export function writeManifest(input: ManifestInput, out: Writable): Promise<FileDigest> {
  // A generator, so that an invalid input fails the write (out destroyed) as the other files do.
  async function* text(): AsyncGenerator<string, object, undefined> {
    yield await Promise.resolve(manifestJson(input));
    return {};
  }
  return writeChunks(text(), out);
}
