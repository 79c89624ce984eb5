import { inflateSync } from 'node:zlib';

/**
 * Reads back what pdfkit wrote with embedded fonts, for tests: its text goes out as glyph ids,
 * so lines are decoded through each font's ToUnicode map, as a PDF reader copying text would.
 * Only for uncompressed PDFs from pdfkit (`compress: false`): one TJ per line of text.
 */

export interface PdfFacts {
  pages: number;
  /** BaseFont names, e.g. "BZZZZZ+DejaVuSans". */
  fonts: string[];
  /** Fonts whose program is in the file (FontFile2). */
  embeddedFonts: number;
  /** Every line of text, in drawing order. */
  lines: string[];
}

export function readPdf(bytes: Buffer): PdfFacts {
  const text = bytes.toString('latin1');
  const objects = new Map<string, string>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)\bendobj/g)) {
    objects.set(match[1], match[2]);
  }
  const streamOf = (body: string) => /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body)?.[1] ?? '';

  const fonts: string[] = [];
  const maps = new Map<string, Map<string, string>>();
  for (const [id, body] of objects) {
    const base = /\/BaseFont \/(\S+)/.exec(body);
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(body);
    if (!base || !toUnicode) continue;
    fonts.push(base[1]);
    maps.set(id, cmap(streamOf(objects.get(toUnicode[1]) ?? '')));
  }

  // Resource names (/F1) → font object ids, from the pages' resource dictionaries.
  const names = new Map<string, string>();
  for (const body of objects.values()) {
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(body);
    if (!fontDict) continue;
    for (const entry of fontDict[1].matchAll(/\/(\w+) (\d+) 0 R/g)) names.set(entry[1], entry[2]);
  }

  const lines: string[] = [];
  const contents = [...objects.values()].filter((body) => /\bTJ\b/.test(streamOf(body)));
  for (const body of contents) {
    let current: Map<string, string> | undefined;
    for (const op of streamOf(body).matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1] !== undefined) {
        current = maps.get(names.get(op[1]) ?? '');
        continue;
      }
      let line = '';
      for (const hex of op[2].matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i < hex[1].length; i += 4) {
          line += current?.get(hex[1].slice(i, i + 4).toLowerCase()) ?? '\ufffd';
        }
      }
      lines.push(line);
    }
  }

  const pages = [...objects.values()]
    .filter((body) => /\/Type \/Pages\b/.test(body))
    .map((body) => Number(/\/Count (\d+)/.exec(body)?.[1] ?? 0));
  return {
    pages: Math.max(0, ...pages),
    fonts,
    embeddedFonts: (text.match(/\/FontFile2 \d+ 0 R/g) ?? []).length,
    lines,
  };
}

/** A ToUnicode CMap as pdfkit writes it: bfrange lines mapping a code range to an array. */
function cmap(stream: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const range of stream.matchAll(/<([0-9a-fA-F]+)> <[0-9a-fA-F]+> \[([^\]]*)\]/g)) {
    let code = parseInt(range[1], 16);
    // A ligature maps to several characters: <0066 0069> for "fi".
    for (const target of range[2].matchAll(/<([0-9a-fA-F ]+)>/g)) {
      const units = target[1].replace(/ /g, '').match(/.{4}/g) ?? [];
      map.set(
        code.toString(16).padStart(4, '0'),
        String.fromCharCode(...units.map((unit) => parseInt(unit, 16))),
      );
      code++;
    }
  }
  return map;
}

/**
 * The same PDF with its Flate streams inflated (and their filter left in place), so that
 * `readPdf` reads a compressed PDF as served: page contents become text operators again.
 */
export function inflatedPdf(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  const latin1 = bytes.toString('latin1');
  for (const match of latin1.matchAll(/\/Length (\d+)[^]*?>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    if (start < from) continue;
    const length = Number(match[1]);
    const head = latin1.slice(match.index, start);
    parts.push(bytes.subarray(from, start));
    const body = bytes.subarray(start, start + length);
    parts.push(/\/FlateDecode/.test(head) ? inflateSync(body) : body);
    from = start + length;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}
