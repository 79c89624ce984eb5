import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidSiret } from '@carnet/domain';
import { buildOpenApiDocument } from '#src/bootstrap.js';
import { bootApp, type TestApp } from './utils.js';

const read = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');

describe('OpenAPI contract (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ seed: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is committed as apps/api/openapi.json and current (run `npm run openapi` when this fails)', () => {
    const live = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app))) as unknown;
    const committed = JSON.parse(read('apps/api/openapi.json')) as unknown;
    expect(live).toEqual(committed);
  });

  it('is served at /api/docs-json with Swagger UI at /api/docs', async () => {
    const json = await t.http.get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/health/ready']),
    );
    const ui = await t.http.get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('has a generated client in libs/api-client that matches the document', async () => {
    // scripts/openapi.mjs generates the client; comparing its output keeps the committed one honest.
    const generator = (await import(join(process.cwd(), 'scripts/openapi.mjs'))) as {
      generateSchema: (document: unknown) => Promise<string>;
      CLIENT_INDEX: string;
    };
    const document = JSON.parse(read('apps/api/openapi.json')) as unknown;
    expect(read('libs/api-client/src/schema.d.ts')).toBe(await generator.generateSchema(document));
    expect(read('libs/api-client/src/index.ts')).toBe(generator.CLIENT_INDEX);
  });

  it('declares every parameter once per operation (same `in`, name compared case-insensitively)', () => {
    type Parameter = { in?: string; name?: string; required?: boolean };
    const document = buildOpenApiDocument(t.app);
    const duplicates = Object.entries(document.paths).flatMap(([path, item]) => {
      const shared = (item as { parameters?: Parameter[] }).parameters ?? [];
      return Object.entries(item as Record<string, { parameters?: Parameter[] }>)
        .filter(([method]) => method !== 'parameters')
        .flatMap(([method, operation]) => {
          const seen = new Map<string, number>();
          for (const p of [...shared, ...(operation.parameters ?? [])]) {
            if (!p.in || !p.name) continue;
            const key = `${p.in}:${p.name.toLowerCase()}`;
            seen.set(key, (seen.get(key) ?? 0) + 1);
          }
          return [...seen]
            .filter(([, count]) => count > 1)
            .map(([key]) => `${method.toUpperCase()} ${path} ${key}`);
        });
    });
    expect(duplicates).toEqual([]);
  });

  it('documents the cheque security code as one optional header (staff check without it)', () => {
    const document = buildOpenApiDocument(t.app);
    const check = document.paths['/api/v1/cheques/{number}']?.get;
    const headers = (check?.parameters ?? []).filter(
      (p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === 'x-security-code',
    );
    expect(headers).toHaveLength(1);
    expect(headers[0]).toMatchObject({ required: false });
    expect(headers[0]).toHaveProperty('description');
  });

  it('documents a problem+json error answer on every operation', () => {
    const document = buildOpenApiDocument(t.app);
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { responses?: Record<string, unknown> }>).map(
        ([method, operation]) => ({
          path,
          method,
          problem: 'default' in (operation.responses ?? {}),
        }),
      ),
    );
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => !o.problem)).toEqual([]);
  });

  it('gives SIRET examples that pass the API check (clients copy them)', () => {
    const schemas = buildOpenApiDocument(t.app).components?.schemas ?? {};
    const examples = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.entries(
        (schema as { properties?: Record<string, { example?: unknown }> }).properties ?? {},
      )
        .filter(([, property]) => typeof property.example === 'string')
        .filter(([, property]) => /^\d{14}$/.test(property.example as string))
        .map(([field, property]) => ({
          field: `${name}.${field}`,
          siret: property.example as string,
        })),
    );
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((e) => !isValidSiret(e.siret))).toEqual([]);
  });
});
