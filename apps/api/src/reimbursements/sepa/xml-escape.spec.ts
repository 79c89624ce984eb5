import { escapeXml } from './xml-escape.js';

describe('escapeXml', () => {
  it('escapes &, <, > and double quotes, and nothing else', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; 'f'");
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
    expect(escapeXml('Liévin 😀\ttab\nline')).toBe('Liévin 😀\ttab\nline');
    expect(escapeXml('')).toBe('');
  });

  it('refuses characters XML 1.0 cannot carry', () => {
    for (const value of [
      '\u0000',
      'a\u0001b',
      '\u000B',
      '\u001F',
      '\uFFFE',
      '\uFFFF',
      '\uD800',
      'x\uDC00',
    ]) {
      expect(() => escapeXml(value)).toThrow(RangeError);
    }
  });
});
