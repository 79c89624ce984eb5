import { decodedPath, findUnsafeInput, MAX_INPUT_DEPTH } from './request-input.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('findUnsafeInput', () => {
  it('accepts ordinary French text, emoji and nested DTOs', () => {
    expect(
      findUnsafeInput({ name: 'Médiathèque d’Éleu-dit-Leauwette 📚', shares: [{ a: 1 }] }, ''),
    ).toBeNull();
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH - 1), '')).toBeNull();
  });

  it('names the field holding a NUL or a lone surrogate, at any depth, keys included', () => {
    expect(findUnsafeInput({ filter: { q: 'a\0b' } }, '')).toEqual({
      field: 'filter.q',
      message: 'must not contain a NUL character',
    });
    expect(findUnsafeInput({ list: ['ok', 'x\ud800'] }, '')?.field).toBe('list.1');
    expect(findUnsafeInput({ v: '\udc00 tail' }, '')?.field).toBe('v');
    expect(findUnsafeInput({ ['k\0']: 1 }, '')?.field).toBe('(key)');
    expect(findUnsafeInput('/communes/\0', 'path')?.field).toBe('path');
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH + 1), '')?.message).toMatch(/nested/);
    expect(
      findUnsafeInput(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)), ''),
    ).not.toBeNull();
  });
});

describe('decodedPath', () => {
  it('decodes the path and refuses a malformed escape', () => {
    expect(decodedPath('/api/v1/communes/%00?x=1')).toBe('/api/v1/communes/\0');
    expect(decodedPath('/api/v1/communes/%E0%A4%A')).toBeNull();
  });
});
