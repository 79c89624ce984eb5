/**
 * True when `bytes` has the skeleton every PDF reader starts from: a `%PDF-1.x`/`%PDF-2.0`
 * header, a `startxref` offset near the end followed by `%%EOF`, and at that offset a
 * cross-reference table (`xref`) or stream (`N G obj`). A file renamed to .pdf, an HTML error
 * page or a truncated upload fails here; we keep the document as sent and never render it, so
 * the full object graph need not be read.
 */
export function isStructurallyPdf(bytes: Buffer): boolean {
  if (!/^%PDF-(1\.[0-7]|2\.0)/.test(bytes.subarray(0, 8).toString('latin1'))) return false;
  // Readers look for the trailer near the end (ISO 32000-1, 7.5.5); the last one counts (an
  // incremental update appends its own), and bytes after %%EOF that some producers leave are fine.
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const trailers = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const offset = Number(trailers.at(-1)?.[1] ?? NaN);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return false;
  const atOffset = bytes.subarray(offset, offset + 32).toString('latin1');
  return /^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(atOffset);
}
