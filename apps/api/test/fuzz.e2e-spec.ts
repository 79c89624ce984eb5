import type { Response } from 'supertest';
import {
  attempt,
  collectPools,
  contractViolation,
  fieldsOf,
  fillPath,
  type Operation,
  operations,
  pick,
  type Pools,
  prng,
  problemCode,
  type RequestSpec,
  resourceOf,
  type Rng,
  sample,
  type SampleContext,
  sampleObject,
  seedOf,
  send,
} from './openapi-walk.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * Fuzzes every operation of the committed OpenAPI document with the hostile inputs seen from
 * outside (explicit nulls, NUL bytes, lone surrogates, 2,000-deep JSON, huge numbers, wrong
 * types, non-JSON bodies, garbage ids…) and checks that the API never answers 5xx and that every
 * 4xx is problem+json with a code. Deterministic (fixed seed) and bounded: at most
 * REQUESTS_PER_OPERATION requests per operation, plus one or two 415 checks.
 */

const SEED = 20261124;
const REQUESTS_PER_OPERATION = 18;

/**
 * The account each operation is fuzzed as. ADMIN passes every role check and sees every
 * organisation, so it reaches the deepest code; the exceptions below take another path there.
 */
const ROLE_OVERRIDES: Record<string, string> = {
  // Venues must send the security code: fuzz the X-Security-Code path.
  cheques_check: 'venue@demo.carnet.fr',
};
const DEFAULT_ACCOUNT = 'admin@demo.carnet.fr';

/** Garbage for path parameters (already percent-encoded as sent on the wire). */
const GARBAGE_IDS = [
  '-'.repeat(36),
  '%00',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%',
  '%ED%A0%80',
  'x'.repeat(300),
  '..%2F..%2Fetc%2Fpasswd',
  '99999999999999999999',
  '-1',
  'null',
  '%F0%9F%92%A9',
];

const HUGE = '99999999999999999999';
const DEEP_ARRAY = '['.repeat(2000) + ']'.repeat(2000);

interface FuzzCase {
  name: string;
  spec: RequestSpec;
}

interface CaseBuilder {
  op: Operation;
  rng: Rng;
  pools: Pools;
  /** Real ids (when known) or garbage for the path. */
  path(real: boolean): string;
  /** A valid-looking body. */
  body(real: boolean, optional?: number): Record<string, unknown>;
  /** The body as JSON text with `field` replaced by the raw JSON text `rawValue`. */
  rawWith(real: boolean, field: string, rawValue: string): string;
}

function contextFor(rng: Rng, pools: Pools, real: boolean): SampleContext {
  return {
    rng,
    idFor: (resource) => (real ? pools.get(resource)?.[0] : undefined),
  };
}

function builder(op: Operation, pools: Pools): CaseBuilder {
  const rng = prng(seedOf(op.operationId, SEED));
  const pathValues = (real: boolean): Record<string, string> =>
    Object.fromEntries(
      op.pathParams.map((p) => {
        if (p.schema.enum?.length) return [p.name, String(p.schema.enum[0])];
        const resource = resourceOf(p.name, op.path);
        const known = resource ? pools.get(resource)?.[0] : undefined;
        return [
          p.name,
          real && known ? known : String(sample(p.schema, p.name, contextFor(rng, pools, false))),
        ];
      }),
    );
  return {
    op,
    rng,
    pools,
    path: (real) => fillPath(op, pathValues(real)),
    body: (real, optional = 0.5) =>
      op.jsonBody ? sampleObject(op.jsonBody, contextFor(rng, pools, real), optional) : {},
    rawWith: (real, field, rawValue) => {
      const marker = '"__fuzz_marker__"';
      const body = {
        ...(op.jsonBody ? sampleObject(op.jsonBody, contextFor(rng, pools, real), 0.5) : {}),
      };
      body[field] = '__fuzz_marker__';
      return JSON.stringify(body).replace(marker, rawValue);
    },
  };
}

const json = (value: unknown): RequestSpec['body'] => ({ json: value });
const raw = (text: string, contentType = 'application/json'): RequestSpec['body'] => ({
  raw: text,
  contentType,
});

/** Every hostile case that applies to the operation, the brief's mandatory ones first. */
function casesFor(b: CaseBuilder): { mandatory: FuzzCase[]; extra: FuzzCase[] } {
  const { op, rng } = b;
  const mandatory: FuzzCase[] = [];
  const extra: FuzzCase[] = [];
  const url = (real: boolean, query = '') => b.path(real) + query;
  const fields = fieldsOf(op.jsonBody);
  const optional = fields.filter((f) => !f.required);
  const strings = fields.filter((f) => f.schema.type === 'string');
  const numbers = fields.filter((f) => f.schema.type === 'number' || f.schema.type === 'integer');
  const hasBody = op.jsonBody !== undefined;
  const headers = Object.fromEntries(op.headerParams.map((h) => [h.name, 'ABCDEFGHJK']));
  const withHeaders = (spec: RequestSpec): RequestSpec => ({
    ...spec,
    headers: { ...headers, ...spec.headers },
  });
  const add = (list: FuzzCase[], name: string, spec: RequestSpec) =>
    list.push({ name, spec: withHeaders(spec) });

  add(mandatory, 'valid', { url: url(true), body: hasBody ? json(b.body(true, 1)) : undefined });

  if (hasBody) {
    if (optional.length) {
      const nulls = Object.fromEntries(optional.map((f) => [f.name, null]));
      add(mandatory, 'null:all-optional', {
        url: url(true),
        body: json({ ...b.body(true, 0), ...nulls }),
      });
      const one = pick(rng, optional).name;
      add(mandatory, `null:${one}`, {
        url: url(false),
        body: json({ ...b.body(true, 0), [one]: null }),
      });
    }
    const required = fields.filter((f) => f.required);
    if (required.length) {
      const one = pick(rng, required).name;
      add(extra, `null:${one}(required)`, {
        url: url(true),
        body: json({ ...b.body(true), [one]: null }),
      });
    }
    const str = strings.length ? pick(rng, strings).name : (fields[0]?.name ?? 'name');
    add(mandatory, `nul:${str}`, {
      url: url(true),
      body: raw(b.rawWith(true, str, '"a\\u0000b"')),
    });
    add(mandatory, `surrogate:${str}`, {
      url: url(true),
      body: raw(b.rawWith(true, str, '"a\\ud800b"')),
    });
    add(mandatory, 'deep-json', {
      url: url(true),
      body: raw(`{"${fields[0]?.name ?? 'x'}":${DEEP_ARRAY}}`),
    });
    add(mandatory, 'empty-object', { url: url(false), body: json({}) });
    add(mandatory, 'text/plain', { url: url(true), body: raw('name=fuzz', 'text/plain') });
    add(mandatory, 'wrong-types', {
      url: url(true),
      body: json(Object.fromEntries(fields.map((f) => [f.name, wrongType(f.schema.type)]))),
    });
    if (numbers.length) {
      const n = pick(rng, numbers).name;
      add(mandatory, `huge:${n}`, { url: url(false), body: raw(b.rawWith(true, n, HUGE)) });
      add(extra, `negative:${n}`, { url: url(true), body: json({ ...b.body(true), [n]: -1 }) });
      add(extra, `fraction:${n}`, { url: url(true), body: json({ ...b.body(true), [n]: 1.5 }) });
      add(extra, `1e308:${n}`, { url: url(true), body: raw(b.rawWith(true, n, '1e308')) });
    } else {
      add(extra, 'huge:string', { url: url(true), body: raw(b.rawWith(true, str, HUGE)) });
    }
    const dates = fields.filter((f) => /Date$|On$/.test(f.name));
    const start = dates.find((f) => /^start/.test(f.name));
    const end = dates.find((f) => /^(end|validityEnd)/.test(f.name));
    if (start && end) {
      add(mandatory, 'end-before-start', {
        url: url(true),
        body: json({ ...b.body(true, 1), [start.name]: '2027-06-01', [end.name]: '2026-01-01' }),
      });
    }
    if (dates.length) {
      const d = pick(rng, dates).name;
      add(extra, `bad-date:${d}`, {
        url: url(true),
        body: json({ ...b.body(true), [d]: '2026-02-30' }),
      });
      add(extra, `year-0:${d}`, {
        url: url(false),
        body: json({ ...b.body(true), [d]: '0000-01-01' }),
      });
    }
    add(extra, 'long-string', {
      url: url(true),
      body: json({ ...b.body(true), [str]: 'x'.repeat(10_000) }),
    });
    add(extra, 'top-level-array', { url: url(true), body: raw('[]') });
    add(extra, 'top-level-null', { url: url(false), body: raw('null') });
    add(extra, 'top-level-string', { url: url(true), body: raw('"fuzz"') });
    add(extra, 'malformed-json', { url: url(true), body: raw('{"name":') });
    add(extra, 'proto-pollution', {
      url: url(true),
      body: raw(`{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}`),
    });
    add(extra, 'unknown-field', {
      url: url(false),
      body: json({ ...b.body(true), fuzzUnknown: 1 }),
    });
    const arrays = fields.filter((f) => f.schema.type === 'array');
    if (arrays.length) {
      const a = pick(rng, arrays).name;
      add(extra, `array-of-nulls:${a}`, {
        url: url(true),
        body: json({ ...b.body(true), [a]: [null, null] }),
      });
      add(extra, `big-array:${a}`, {
        url: url(true),
        body: json({ ...b.body(true), [a]: Array.from({ length: 5000 }, (_, i) => `fuzz-${i}`) }),
      });
    }
    const objects = fields.filter((f) => f.schema.type === 'object' || f.schema.properties);
    if (objects.length) {
      const o = pick(rng, objects).name;
      add(extra, `nested-null:${o}`, {
        url: url(true),
        body: json({ ...b.body(true), [o]: { x: null } }),
      });
    }
  } else if (op.bodyTypes.length) {
    // CSV, PDF uploads: hostile bytes in their own media type, and JSON where they are not.
    const type = op.bodyTypes[0];
    add(mandatory, `${type}:empty`, { url: url(true), body: raw('', type) });
    add(mandatory, `${type}:nul`, { url: url(true), body: raw('a\u0000b,\u0000\n\u0000', type) });
    add(mandatory, `${type}:garbage`, {
      url: url(false),
      body: raw('\uFFFD\uD800x;"";\n'.repeat(50), type),
    });
    add(mandatory, 'json-instead', { url: url(true), body: raw('{"a":1}') });
    add(mandatory, 'deep-json', { url: url(true), body: raw(DEEP_ARRAY) });
    add(extra, 'text/plain', { url: url(true), body: raw('fuzz', 'text/plain') });
  } else if (op.method !== 'get') {
    add(mandatory, 'unexpected-json', { url: url(true), body: raw(`{"x":${DEEP_ARRAY}}`) });
    add(extra, 'unexpected-text', { url: url(true), body: raw('\u0000', 'text/plain') });
  }

  for (const p of op.pathParams) {
    for (const garbage of GARBAGE_IDS) {
      const values = Object.fromEntries(
        op.pathParams.map((q) => [q.name, encodeURIComponent(realOrSample(b, q.name, q.schema))]),
      );
      values[p.name] = garbage;
      const list =
        garbage === '-'.repeat(36) || garbage === '%00' || garbage === '%' ? mandatory : extra;
      add(list, `path:${p.name}=${garbage.slice(0, 12)}`, {
        url: fillPath(op, values, true),
        body: hasBody ? json(b.body(true, 1)) : undefined,
      });
    }
  }

  if (op.queryParams.length) {
    const names = op.queryParams.map((p) => p.name);
    const filter = op.queryParams.find((p) => p.name === 'filter');
    const filterFields = fieldsOf(filter?.schema);
    if (names.includes('page')) {
      add(mandatory, 'page=huge', { url: url(true, `?page=${HUGE}`) });
      add(extra, 'page=0', { url: url(true, '?page=0') });
      add(extra, 'page=1e3', { url: url(false, '?page=1e3') });
      add(extra, 'page=array', { url: url(true, '?page=1&page=2') });
    }
    if (names.includes('pageSize')) {
      add(extra, 'pageSize=-1', { url: url(true, '?pageSize=-1') });
      add(extra, 'pageSize=huge', { url: url(true, `?pageSize=${HUGE}`) });
    }
    if (names.includes('sort')) {
      add(extra, 'sort=%00', { url: url(true, '?sort=%00') });
      add(extra, 'sort=--', { url: url(true, '?sort=-,--,,') });
    }
    if (filter) {
      const q = filterFields.find((f) => f.name === 'q')?.name ?? filterFields[0]?.name ?? 'q';
      add(mandatory, `filter[${q}]=%00`, { url: url(true, `?filter[${q}]=%00`) });
      add(extra, `filter[${q}]=surrogate`, { url: url(true, `?filter[${q}]=%ED%A0%80`) });
      add(extra, `filter[${q}]=array`, { url: url(true, `?filter[${q}][]=a&filter[${q}][]=b`) });
      add(extra, 'filter=scalar', { url: url(true, '?filter=fuzz') });
      add(extra, 'filter[unknown]', { url: url(true, '?filter[fuzzUnknown]=1') });
      add(extra, `filter[${q}]=malformed%`, { url: url(true, `?filter[${q}]=%`) });
      for (const f of filterFields) {
        if (f.schema.type === 'number') {
          add(mandatory, `filter[${f.name}]=huge`, {
            url: url(true, `?filter[${f.name}]=${HUGE}`),
          });
          add(extra, `filter[${f.name}]=-1`, { url: url(true, `?filter[${f.name}]=-1`) });
          add(extra, `filter[${f.name}]=NaN`, { url: url(true, `?filter[${f.name}]=NaN`) });
        } else if (f.schema.type === 'boolean') {
          add(extra, `filter[${f.name}]=maybe`, { url: url(true, `?filter[${f.name}]=maybe`) });
        } else if (f.schema.format === 'uuid' || resourceOf(f.name)) {
          add(extra, `filter[${f.name}]=dashes`, {
            url: url(true, `?filter[${f.name}]=${'-'.repeat(36)}`),
          });
          add(extra, `filter[${f.name}]=%00`, { url: url(true, `?filter[${f.name}]=%00`) });
        }
      }
    }
    for (const p of op.queryParams.filter((p) => p.schema.type === 'boolean')) {
      add(mandatory, `${p.name}=maybe`, {
        url: url(true, `?${p.name}=maybe`),
        body: hasBody ? json(b.body(true, 1)) : undefined,
      });
    }
  }

  for (const h of op.headerParams) {
    add(extra, `header:${h.name}=long`, {
      url: url(true),
      headers: { [h.name]: 'A'.repeat(8000) },
    });
    add(extra, `header:${h.name}=empty`, { url: url(true), headers: { [h.name]: '' } });
  }
  return { mandatory, extra };
}

function realOrSample(
  b: CaseBuilder,
  name: string,
  schema: Operation['pathParams'][number]['schema'],
): string {
  if (schema.enum?.length) return String(schema.enum[0]);
  const resource = resourceOf(name, b.op.path);
  return (
    (resource && b.pools.get(resource)?.[0]) ??
    String(sample(schema, name, contextFor(b.rng, b.pools, false)))
  );
}

function wrongType(type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    default:
      return 'not-an-object';
  }
}

/** The operation's cases: all mandatory ones, then extra ones in seeded order, up to the bound. */
function selectCases(op: Operation, pools: Pools): FuzzCase[] {
  const b = builder(op, pools);
  const { mandatory, extra } = casesFor(b);
  const shuffled = extra
    .map((c) => ({ c, k: b.rng() }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.c);
  return [...mandatory, ...shuffled].slice(0, REQUESTS_PER_OPERATION);
}

/** Operations that end the caller's own session or the data later cases need go last. */
const LAST = (op: Operation) =>
  op.method === 'delete' || /\/(close|cancel|logout|erase)$/.test(op.path) ? 1 : 0;

describe('OpenAPI-driven fuzz of every operation (e2e)', () => {
  let t: TestApp;
  let pools: Pools;
  const sessions = new Map<string, Session>();
  const ops = operations().sort((a, b) => LAST(a) - LAST(b));

  const sessionFor = async (email: string, renew = false): Promise<Session> => {
    if (renew || !sessions.has(email)) sessions.set(email, await login(t.http, email));
    return sessions.get(email)!;
  };

  /** The account's session, signed in again when an earlier case ended it. */
  const liveSession = async (email: string): Promise<Session> => {
    const session = await sessionFor(email);
    const me = await t.http.get('/api/v1/auth/me').set(session.auth);
    return me.status === 401 ? sessionFor(email, true) : session;
  };

  beforeAll(async () => {
    t = await bootApp({
      config: { CHEQUE_CHECK_LIMIT_PER_USER: '100000', CHEQUE_CHECK_LIMIT_PER_IP: '100000' },
    });
    const admin = await sessionFor(DEFAULT_ACCOUNT);
    // The accounts the fuzz signs in with are kept out of the pools: a PATCH /users/{id} with
    // `active: false` or a new password must not end the run's own sessions.
    const own: string[] = [];
    for (const email of new Set([DEFAULT_ACCOUNT, ...Object.values(ROLE_OVERRIDES)])) {
      const me = await t.http.get('/api/v1/auth/me').set((await sessionFor(email)).auth);
      own.push(me.body.id, me.body.organisationId);
    }
    pools = await collectPools(t.http, admin.auth, own);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the document has operations to fuzz', () => {
    expect(ops.length).toBeGreaterThan(20);
  });

  it('never answers 5xx, and answers every 4xx as problem+json with a code', async () => {
    const failures: string[] = [];
    let requests = 0;
    const statuses: Record<string, number> = {};
    for (const op of ops) {
      const email = ROLE_OVERRIDES[op.operationId] ?? DEFAULT_ACCOUNT;
      const session = await liveSession(email);
      for (const c of selectCases(op, pools)) {
        requests++;
        const { res, error } = await attempt(() =>
          send(t.http, op, c.spec, op.public ? undefined : session.auth),
        );
        const key = res ? String(res.status) : 'error';
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (process.env.FUZZ_TRACE) {
          process.stderr.write(
            `${op.label} [${c.name}] ${c.spec.url} → ${key} ${String(res && problemCode(res))}\n`,
          );
        }
        const problem = error ?? (res ? contractViolation(res) : 'no answer');
        if (problem) failures.push(`${op.label} [${c.name}] → ${problem}`);
      }
    }
    process.stderr.write(
      `fuzz: ${requests} requests on ${ops.length} operations, ${failures.length} failures; ` +
        `statuses ${JSON.stringify(statuses)}\n${failures.join('\n')}\n`,
    );
    expect(failures).toEqual([]);
  }, 240_000);

  it('refuses a non-JSON body with 415 on every operation that takes JSON', async () => {
    const failures: string[] = [];
    const bodyOps = ops.filter((op) => op.jsonBody && ['post', 'put', 'patch'].includes(op.method));
    for (const op of bodyOps) {
      const email = ROLE_OVERRIDES[op.operationId] ?? DEFAULT_ACCOUNT;
      const session = await liveSession(email);
      const b = builder(op, pools);
      const body = JSON.stringify(b.body(true, 1));
      const urlEncoded = new URLSearchParams(
        Object.entries(b.body(true, 1)).map(([k, v]): [string, string] => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      ).toString();
      for (const [type, text] of [
        ['text/plain', body],
        ['application/x-www-form-urlencoded', urlEncoded],
      ] as const) {
        const { res, error } = await attempt(() =>
          send(
            t.http,
            op,
            { url: b.path(true), body: raw(text, type) },
            op.public ? undefined : session.auth,
          ),
        );
        if (error || !res) {
          failures.push(`${op.label} [${type}] → ${error}`);
        } else if (res.status !== 415 || contractViolation(res)) {
          failures.push(`${op.label} [${type}] → ${describe415(res)}`);
        }
      }
    }
    if (failures.length)
      process.stderr.write(`415: ${failures.length} failures\n${failures.join('\n')}\n`);
    expect(failures).toEqual([]);
  }, 120_000);
});

function describe415(res: Response): string {
  return `${res.status} ${String(problemCode(res) ?? '')}`.trim();
}
