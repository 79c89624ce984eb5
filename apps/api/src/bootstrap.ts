import { type INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_EXAMPLES_EXTENSION, type ProblemExamples } from './common/api-problems.js';
import { PROBLEM_CONTENT_TYPE, problemType } from './common/problem.js';
import { ProblemDto } from './common/problem.dto.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { type ErrorCode, httpStatusOf } from './error-codes.js';

export const API_PREFIX = 'api/v1';

/** Everything main.ts does to the app before listening; e2e tests call it on their app too. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('query parser', 'extended');
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(helmet());
  app.enableCors({
    origin: config.CORS_ORIGINS,
    credentials: false,
    // What a browser-based client must read: the request's id, whether a write was replayed
    // under its Idempotency-Key, how long to wait after a 429, and where a created thing is.
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'Location'],
  });
  applyGlobalPrefix(app);
  app.useBodyParser('text', { type: 'text/csv', limit: '5mb' });
  app.useBodyParser('raw', { type: 'application/pdf', limit: '11mb' });
  // Logos: above their 1 MB limit, so that a larger one gets IMAGE_TOO_LARGE, not a bare 413.
  app.useBodyParser('raw', { type: ['image/png', 'image/jpeg'], limit: '2mb' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Carnet API',
  });
}

/** `/api/v1` for everything but the health probes, which orchestrators expect at the root. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Carnet API')
    .setDescription(
      'REST API of Carnet, the open platform to run a Pass numérique programme. Errors are ' +
        'RFC 9457 application/problem+json with a stable `code`. Money is integer cents.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
  return withApiConventions(document);
}

/**
 * What decorators cannot say: object query parameters are `filter[field]=value` (deepObject),
 * every operation may answer a problem+json error, and the refusals named by @ApiProblems are
 * answered with the status of their code.
 */
interface OperationShape {
  parameters?: { in?: string; schema?: object; style?: string; explode?: boolean }[];
  responses: Record<string, unknown>;
  [PROBLEM_EXAMPLES_EXTENSION]?: ProblemExamples;
}

function withApiConventions(document: OpenAPIObject): OpenAPIObject {
  const problem = {
    description: 'Error (RFC 9457 problem details with a stable `code`)',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as OperationShape[]) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query' && parameter.schema && '$ref' in parameter.schema) {
          parameter.style = 'deepObject';
          parameter.explode = true;
        }
      }
      const refusals = operation[PROBLEM_EXAMPLES_EXTENSION];
      if (refusals) {
        delete operation[PROBLEM_EXAMPLES_EXTENSION];
        Object.assign(operation.responses, problemResponses(refusals));
      }
      operation.responses.default ??= problem;
    }
  }
  return document;
}

/** The example request id of documented problems (a real one is in X-Request-Id). */
const EXAMPLE_REQUEST_ID = '5f0c7a52-8d1e-4b7a-9c3e-2a6f1d9b4e70';

/**
 * One response per status, each with the examples of its codes, written as ProblemFilter answers
 * them; the status of each code comes from the one switch (error-codes.ts), which throws on a code
 * it does not know.
 */
function problemResponses({ instance, examples }: ProblemExamples): Record<string, object> {
  const byStatus = new Map<number, Record<string, object>>();
  for (const { code, summary, detail, errors, ...example } of examples) {
    const status = httpStatusOf(code as ErrorCode);
    const value = {
      type: problemType(code),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors && errors.length > 0 ? { errors } : {}),
      instance: example.instance ?? instance,
      requestId: EXAMPLE_REQUEST_ID,
    };
    byStatus.set(status, { ...byStatus.get(status), [code]: { summary, value } });
  }
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, byCode]) => [
        String(status),
        {
          description: `${STATUS_CODES[status] ?? 'Error'}: ${Object.keys(byCode).join(', ')}`,
          ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
          content: {
            [PROBLEM_CONTENT_TYPE]: {
              schema: { $ref: '#/components/schemas/ProblemDto' },
              examples: byCode,
            },
          },
        },
      ]),
  );
}

const RETRY_AFTER = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', example: 42 },
};
