import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
