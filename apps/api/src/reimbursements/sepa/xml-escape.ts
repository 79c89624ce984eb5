/**
 * Escapes text for an XML element's content or a double-quoted attribute value (the apostrophe,
 * common in names and valid in both, is left as it is). Characters XML
 * 1.0 cannot carry at all (control characters but tab and line breaks, lone surrogates, U+FFFE
 * and U+FFFF) are refused rather than written into a file a bank would reject as malformed.
 */
export function escapeXml(value: string): string {
  if (INVALID_XML.test(value)) {
    throw new RangeError('Text holds a character XML 1.0 cannot carry');
  }
  return value.replace(/[&<>"]/g, (char) => ENTITIES[char]);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

// Allowed: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (XML 1.0 §2.2).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;
