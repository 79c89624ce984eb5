import { canonicalJson, requestFingerprint } from './fingerprint.js';

describe('canonicalJson', () => {
  it('sorts the keys of every object, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps the order of arrays, which carries meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes numbers and strings as JSON does, and drops undefined fields', () => {
    expect(canonicalJson({ n: 1.0, e: 1e3, s: 'é"\n', u: undefined })).toBe(
      '{"e":1000,"n":1,"s":"é\\"\\n"}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('treats a key spelled __proto__ as an ordinary key', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
    expect(canonicalJson(body)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('requestFingerprint', () => {
  const base = {
    operation: 'POST /api/v1/carnets/:id/transfers',
    params: { id: '3f2a' },
    query: {},
    body: { to: { kind: 'COMMUNE', inseeCode: '62498' }, note: 'x' },
  };

  it('is a SHA-256 in hex, the same for the same request written another way', () => {
    const fingerprint = requestFingerprint(base);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(
      requestFingerprint({
        ...base,
        body: JSON.parse('{ "note": "x", "to": { "inseeCode": "62498", "kind": "COMMUNE" } }'),
      }),
    ).toBe(fingerprint);
  });

  it('differs when the operation, a path or query parameter, or the body differs', () => {
    const fingerprint = requestFingerprint(base);
    for (const other of [
      { ...base, operation: 'POST /api/v1/carnets/transfers' },
      { ...base, params: { id: '3f2b' } },
      { ...base, query: { dryRun: 'true' } },
      { ...base, body: { ...base.body, note: 'y' } },
      { ...base, body: { ...base.body, note: null } },
      { ...base, body: { to: base.body.to } },
    ]) {
      expect(requestFingerprint(other)).not.toBe(fingerprint);
    }
  });

  it('does not confuse an absent body with an empty one', () => {
    expect(requestFingerprint({ ...base, body: undefined })).not.toBe(
      requestFingerprint({ ...base, body: {} }),
    );
  });
});
