import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

/**
 * Walks the committed OpenAPI document (apps/api/openapi.json) for the generated tests
 * (fuzz.e2e-spec.ts, authorization-matrix.e2e-spec.ts): operations, sample values from their
 * schemas, hostile mutations, and the one check every answer must pass. Generated from the
 * document at run time, so a new route is covered without editing a test.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: Method;
  path: string;
  operationId: string;
  /** `GET /api/v1/venues/{id}`, as printed in failure lists. */
  label: string;
  parameters: Parameter[];
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  /** The JSON request body's schema (resolved), when the operation takes one. */
  jsonBody?: Schema;
  /** Every media type the request body declares (application/json, text/csv, application/pdf…). */
  bodyTypes: string[];
  /** No bearer token needed (no `security` in the document). */
  public: boolean;
  /** The roles the contract names (`x-roles`); undefined: any signed-in person (ADMIN always). */
  roles?: string[];
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, RawOperation>>>;
  components: { schemas: Record<string, Schema> };
}
interface RawOperation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
  'x-roles'?: string[];
}

let cachedDocument: OpenApiDocument | undefined;
export function openApiDocument(): OpenApiDocument {
  cachedDocument ??= JSON.parse(
    readFileSync(join(process.cwd(), 'apps/api/openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  return cachedDocument;
}

/** Follows `$ref` and single-element `allOf` (how @nestjs/swagger spells a referenced enum). */
export function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(openApiDocument().components.schemas[name]);
  }
  if (schema.allOf?.length) {
    const { allOf, ...rest } = schema;
    return { ...allOf.map(resolve).reduce((a, b) => ({ ...a, ...b }), {}), ...rest };
  }
  return schema;
}

/** Every operation of the document, in document order. */
export function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(openApiDocument().paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const parameters = (raw.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) }));
      const content = raw.requestBody?.content ?? {};
      const json = content['application/json'];
      ops.push({
        method,
        path,
        operationId: raw.operationId ?? `${method} ${path}`,
        label: `${method.toUpperCase()} ${path}`,
        parameters,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        // Header names are case-insensitive: the document may list one twice.
        headerParams: parameters
          .filter((p) => p.in === 'header')
          .filter(
            (p, i, all) =>
              all.findIndex((q) => q.name.toLowerCase() === p.name.toLowerCase()) === i,
          ),
        jsonBody: json ? resolve(json.schema) : undefined,
        bodyTypes: Object.keys(content),
        public: raw.security === undefined || raw.security.length === 0,
        roles: raw['x-roles'],
      });
    }
  }
  return ops;
}

/** A list operation: GET without path parameters answering `{ data, meta }` pages. */
export function isListOperation(op: Operation): boolean {
  return (
    op.method === 'get' &&
    op.pathParams.length === 0 &&
    op.queryParams.some((p) => p.name === 'page')
  );
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny seeded PRNG, enough to pick cases reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from a string (FNV-1a), so each operation has its own stream. */
export function seedOf(text: string, base: number): number {
  let h = 0x811c9dc5 ^ base;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)];

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A 14-digit SIRET whose Luhn sum is a multiple of 10. */
export function luhnSiret(rng: Rng): string {
  const digits = Array.from({ length: 13 }, () => Math.floor(rng() * 10));
  const sum = (ds: number[]) =>
    ds.reduceRight((acc, d, i) => {
      const fromRight = ds.length - 1 - i;
      const v = fromRight % 2 === 1 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
  const check = (10 - (sum([...digits, 0]) % 10)) % 10;
  return [...digits, check].join('');
}

// ---------------------------------------------------------------------------------------------
// Which object a parameter or a body field names

/**
 * The resource a path parameter or an id field points to: `{id}` under `/venues` → `venues`,
 * `programmeId` → `programmes`, `inseeCode` → `communes`, `{number}` under `/cheques` → `cheques`.
 * Pools of real ids are keyed by these names.
 */
export function resourceOf(name: string, path?: string): string | undefined {
  if (name === 'inseeCode' || name === 'servedInseeCodes') return 'communes';
  if (name === 'number') return 'cheques';
  if (name === 'carnetIds') return 'carnets';
  if (name === 'referentUserIds') return 'users';
  if (name !== 'id' && name.endsWith('Id')) return `${name.slice(0, -2)}s`;
  if (name === 'id' && path) {
    const segments = path.split('/');
    return segments[segments.indexOf('{id}') - 1];
  }
  return undefined;
}

/** Real ids by resource, gathered from the list endpoints (see collectPools). */
export type Pools = Map<string, string[]>;

/**
 * Reads one page of every list operation to gather real ids: `data[].id`, or the INSEE code for
 * communes; cheque numbers come from the detail of a carnet (there is no cheque list).
 */
export async function collectPools(
  http: TestAgent,
  auth: Record<string, string>,
  skipIds: string[] = [],
): Promise<Pools> {
  const pools: Pools = new Map();
  for (const op of operations().filter(isListOperation)) {
    const resource = op.path.split('/').pop()!;
    const res = await http.get(`${op.path}?pageSize=100`).set(auth);
    if (res.status !== 200 || !Array.isArray(res.body?.data)) continue;
    const ids = (res.body.data as Record<string, unknown>[])
      .map((row) => (resource === 'communes' ? row.inseeCode : row.id))
      .filter((id): id is string => typeof id === 'string' && !skipIds.includes(id));
    if (ids.length && !pools.has(resource)) pools.set(resource, ids);
  }
  const carnet = pools.get('carnets')?.[0];
  if (carnet) {
    const detail = await http.get(`/api/v1/carnets/${carnet}`).set(auth);
    const numbers = ((detail.body?.cheques ?? []) as { number: string }[]).map((c) => c.number);
    if (numbers.length) pools.set('cheques', numbers);
  }
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Values from schemas

export interface SampleContext {
  rng: Rng;
  /** A real id for a resource, or undefined (then a random, well-formed one is used). */
  idFor(resource: string): string | undefined;
}

const DATE_FIELD = /(Date|On|From|To|At)$/;

/** A value valid for the schema (as far as the document says), preferring its example. */
export function sample(schema: Schema | undefined, name: string, ctx: SampleContext): unknown {
  const s = resolve(schema);
  if (s.enum?.length) return s.enum[0];
  const resource = resourceOf(name);
  switch (s.type) {
    case 'string': {
      if (resource && (s.format === 'uuid' || resource === 'communes' || resource === 'cheques')) {
        const real = ctx.idFor(resource);
        if (real) return real;
      }
      if (s.format === 'uuid') return uuidFrom(ctx.rng);
      // The document's SIRET examples do not pass the Luhn check the API applies.
      if (/^(siret|pivot)$/i.test(name)) return luhnSiret(ctx.rng);
      if (s.format === 'email') return `fuzz.${Math.floor(ctx.rng() * 1e6)}@example.org`;
      if (s.format === 'uri') return 'https://example.org/fuzz';
      if (s.format === 'date-time') return '2026-03-01T10:00:00.000Z';
      if (typeof s.example === 'string') return s.example;
      if (/^id$|Id$/.test(name)) return uuidFrom(ctx.rng);
      if (DATE_FIELD.test(name)) return '2026-03-01';
      const text = `fuzz ${name}`;
      return text.padEnd(s.minLength ?? 0, 'x').slice(0, s.maxLength ?? 200);
    }
    case 'number':
    case 'integer': {
      // Counts stay at their minimum: a fuzz run must not issue a million carnets.
      if (/count|total/i.test(name)) return s.minimum ?? 1;
      if (typeof s.example === 'number') return s.example;
      return s.minimum ?? 1;
    }
    case 'boolean':
      return true;
    case 'array': {
      if (Array.isArray(s.example) && s.example.length) return s.example;
      const items = resolve(s.items);
      const count = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: count }, () => sample(items, name, ctx));
    }
    case 'object':
    default: {
      if (s.properties) return sampleObject(s, ctx, 1);
      if (s.example && typeof s.example === 'object') return s.example;
      if (s.additionalProperties) return { fuzz: 1 };
      return {};
    }
  }
}

/** An object with every required property and, with probability `optional`, the others. */
export function sampleObject(
  schema: Schema,
  ctx: SampleContext,
  optional = 0.5,
): Record<string, unknown> {
  const s = resolve(schema);
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const required = s.required?.includes(name) ?? false;
    if (required || ctx.rng() < optional) out[name] = sample(prop, name, ctx);
  }
  return out;
}

export function fieldsOf(
  schema: Schema | undefined,
): { name: string; schema: Schema; required: boolean }[] {
  const s = resolve(schema);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    schema: resolve(prop),
    required: s.required?.includes(name) ?? false,
  }));
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface RequestSpec {
  /** Path with its parameters filled in and already percent-encoded where needed. */
  url: string;
  headers?: Record<string, string>;
  /** Raw body text (sent as is) or a value to JSON-encode. */
  body?: { raw: string; contentType: string } | { json: unknown };
}

/** Fills `{name}` placeholders; values are encoded unless they are already (garbage cases). */
export function fillPath(op: Operation, values: Record<string, string>, encoded = false): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name] ?? '';
    return encoded ? value : encodeURIComponent(value);
  });
}

export async function send(
  http: TestAgent,
  op: Operation,
  spec: RequestSpec,
  auth?: Record<string, string>,
): Promise<Response> {
  let req = http[op.method](spec.url).timeout({ response: 20_000, deadline: 30_000 });
  if (auth) req = req.set(auth);
  if (spec.headers) req = req.set(spec.headers);
  if (spec.body && 'raw' in spec.body) {
    return req.set('Content-Type', spec.body.contentType).send(spec.body.raw);
  }
  if (spec.body) return req.send(spec.body.json as object);
  return req;
}

/** The code of a problem answer, parsed even when the media type is not a JSON one. */
export function problemCode(res: Response): string | undefined {
  let body: unknown = res.body;
  if (!body || typeof body !== 'object' || !('code' in body)) {
    try {
      body = JSON.parse(res.text);
    } catch {
      return undefined;
    }
  }
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The rule every answer obeys, whoever asks and whatever they send: never a 5xx, and every 4xx
 * is RFC 9457 problem details with a string `code`. Returns what is wrong, or undefined.
 */
export function contractViolation(res: Response): string | undefined {
  const code = problemCode(res);
  if (res.status >= 500) return `${res.status} ${code ?? ''}`.trim();
  if (res.status >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!/^application\/problem\+json/.test(type) || code === undefined) {
      return `${res.status} ${code ?? '(no code)'} as ${type || '(no content-type)'}`;
    }
  }
  return undefined;
}

/** Runs a request and turns a transport error (timeout, reset socket) into a failure line. */
export async function attempt(
  run: () => Promise<Response>,
): Promise<{ res?: Response; error?: string }> {
  try {
    return { res: await run() };
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 80) : String(error) };
  }
}
