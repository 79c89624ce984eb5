import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { problemType } from './common/problem.js';
import { type ErrorCode, httpStatusOf } from './error-codes.js';

// Third parties read the refusals of these operations from the OpenAPI document (one
// application/problem+json example per code, from @ApiProblems). This test derives the codes each
// operation can answer from the code itself, so that a new refusal without an example fails: it
// follows the calls from the controller method (its decorators, guards and pipes included) through
// the services of apps/api/src, and collects every member of an `…ExceptionCode` enum used there
// (comparisons and `case` labels aside), plus the global middleware, guards, pipe and interceptor
// every request passes.

const src = dirname(fileURLToPath(import.meta.url));

/** The operations whose every refusal must have an example (any other that has some, too). */
const REQUIRED = ['redemptions_redeem', 'redemptions_cancel', 'cheques_check', 'cheques_unlock'];

/** What every request meets before its handler (app.module.ts, auth.module.ts, bootstrap.ts). */
const PIPELINE = [
  { file: 'common/request-input.middleware.ts', name: 'RequestInputMiddleware' },
  { file: 'auth/jwt-auth.guard.ts', name: 'JwtAuthGuard', skippedByPublic: true },
  { file: 'access/access.guard.ts', name: 'AccessGuard', skippedByPublic: true },
  { file: 'common/validation.ts', name: 'createValidationPipe' },
];
/** Refuses a body of another media type: documented on the routes that take a body. */
const BODY_PIPELINE = [
  { file: 'common/content-type.interceptor.ts', name: 'ContentTypeInterceptor' },
];

/** Codes the analysis finds but the operation cannot answer, and why. */
const UNREACHABLE: { operationId: string; code: string; why: string }[] = [
  {
    operationId: 'redemptions_redeem',
    code: 'VENUE_REQUIRED',
    why: 'CreateRedemptionDto requires venueId, so actingVenue always gets one',
  },
];

interface ProblemExampleObject {
  value: { type: string; title: string; status: number; code: string; detail: string };
}
interface OperationObject {
  operationId: string;
  responses: Record<
    string,
    { content?: Record<string, { examples?: Record<string, ProblemExampleObject> }> }
  >;
}

const document = JSON.parse(readFileSync(join(src, '../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, OperationObject>>;
};
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));

/** The problem examples of an operation, by code, with the status they are documented under. */
function documented(
  operation: OperationObject,
): Map<string, { status: number } & ProblemExampleObject> {
  const examples = new Map<string, { status: number } & ProblemExampleObject>();
  for (const [status, response] of Object.entries(operation.responses)) {
    for (const [code, example] of Object.entries(
      response.content?.['application/problem+json']?.examples ?? {},
    )) {
      examples.set(code, { status: Number(status), ...example });
    }
  }
  return examples;
}

/** Follows calls from declarations of apps/api/src and collects the exception codes they use. */
class RefusalCodes {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  /** A program of apps/api/src (tests aside), as its tsconfig compiles it. */
  constructor() {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(src, '../tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const files = config.fileNames.filter((f) => f.startsWith(src) && !f.endsWith('.spec.ts'));
    this.program = ts.createProgram(files, { ...config.options, noEmit: true });
    this.checker = this.program.getTypeChecker();
  }

  /** A top-level class or function of a file of apps/api/src. */
  declaration(file: string, name: string): ts.ClassDeclaration | ts.FunctionDeclaration {
    const source = this.program.getSourceFile(join(src, file));
    const found = source?.statements.find(
      (s): s is ts.ClassDeclaration | ts.FunctionDeclaration =>
        (ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) && s.name?.text === name,
    );
    if (!found) throw new Error(`No class or function ${name} in ${file}`);
    return found;
  }

  /** The controller method of an operation id (`redemptions_redeem`: RedemptionsController.redeem). */
  handler(operationId: string): ts.MethodDeclaration {
    const [prefix, method] = operationId.split('_');
    const className = `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}Controller`;
    for (const source of this.program.getSourceFiles()) {
      if (!source.fileName.startsWith(src) || !source.fileName.endsWith('.controller.ts')) continue;
      for (const statement of source.statements) {
        if (!ts.isClassDeclaration(statement) || statement.name?.text !== className) continue;
        const found = statement.members.find(
          (m): m is ts.MethodDeclaration =>
            ts.isMethodDeclaration(m) && m.name.getText() === method,
        );
        if (found) return found;
      }
    }
    throw new Error(`No method ${method} in a ${className} of apps/api/src`);
  }

  /** Marked @Public(), itself or its controller: no token, no role, the two guards let it by. */
  isPublic(handler: ts.MethodDeclaration): boolean {
    return [handler, handler.parent].some((node) =>
      ts
        .getDecorators(node as ts.HasDecorators)
        ?.some((d) => /^Public\(/.test(d.expression.getText())),
    );
  }

  takesBody(handler: ts.MethodDeclaration): boolean {
    return handler.parameters.some((p) =>
      ts.getDecorators(p)?.some((d) => /^Body\(/.test(d.expression.getText())),
    );
  }

  /** Every exception code used by what `roots` run, as `ENUM_VALUE`. */
  codes(roots: ts.Node[]): Set<string> {
    const codes = new Set<string>();
    const seen = new Set<ts.Node>();
    const inSource = (d: ts.Node) =>
      d.getSourceFile().fileName.startsWith(src) && !d.getSourceFile().isDeclarationFile;
    const resolve = (node: ts.Node): ts.Declaration[] => {
      let symbol = this.checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
        symbol = this.checker.getAliasedSymbol(symbol);
      }
      return (symbol?.declarations ?? []).filter(inSource);
    };
    const visit = (node: ts.Node | undefined, inDecorator = false): void => {
      if (!node || seen.has(node)) return;
      seen.add(node);
      walk(node, inDecorator);
    };
    const visitDeclaration = (d: ts.Declaration, inDecorator: boolean): void => {
      if (ts.isFunctionLike(d) && 'body' in d) visit(d.body);
      else if (ts.isVariableDeclaration(d) && ts.isSourceFile(d.parent.parent.parent)) {
        visit(d.initializer);
      } else if (ts.isClassDeclaration(d)) {
        // A guard, pipe or interceptor named in a decorator runs its methods; a `new` its constructor.
        for (const member of d.members) {
          if (inDecorator || ts.isConstructorDeclaration(member)) visit(member);
        }
      }
    };
    const walk = (node: ts.Node, inDecorator: boolean): void => {
      if (ts.isPropertyAccessExpression(node) && !isComparedOrCase(node)) {
        const [enumDeclaration] = resolve(node.expression);
        if (
          enumDeclaration &&
          ts.isEnumDeclaration(enumDeclaration) &&
          enumDeclaration.name.text.endsWith('ExceptionCode')
        ) {
          const member = resolve(node.name)[0];
          const value = member && ts.isEnumMember(member) && this.checker.getConstantValue(member);
          if (typeof value !== 'string') throw new Error(`No value for ${node.getText()}`);
          codes.add(value);
        }
      }
      const decorator = inDecorator || ts.isDecorator(node);
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const d of resolve(node.expression)) visitDeclaration(d, decorator);
      } else if (ts.isIdentifier(node)) {
        for (const d of resolve(node)) {
          if (ts.isVariableDeclaration(d) || (decorator && ts.isClassDeclaration(d))) {
            visitDeclaration(d, decorator);
          }
        }
      }
      ts.forEachChild(node, (child) => walk(child, decorator));
    };
    for (const root of roots) {
      if (ts.isClassDeclaration(root)) visitDeclaration(root, true);
      else visit(root);
    }
    return codes;
  }
}

function isComparedOrCase(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isCaseClause(parent)) return parent.expression === node;
  if (!ts.isBinaryExpression(parent)) return false;
  return [
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
  ].includes(parent.operatorToken.kind);
}

describe('OpenAPI problem examples', () => {
  const withExamples = operations.filter((o) => documented(o).size > 0).map((o) => o.operationId);
  const checked = [...new Set([...REQUIRED, ...withExamples])];
  let analysis: RefusalCodes;
  const derived = new Map<string, Set<string>>();

  beforeAll(() => {
    analysis = new RefusalCodes();
    const bodyPipeline = BODY_PIPELINE.map((p) => analysis.declaration(p.file, p.name));
    for (const operationId of checked) {
      const handler = analysis.handler(operationId);
      const pipeline = PIPELINE.filter(
        (p) => !(p.skippedByPublic && analysis.isPublic(handler)),
      ).map((p) => analysis.declaration(p.file, p.name));
      const roots = [handler, ...pipeline, ...(analysis.takesBody(handler) ? bodyPipeline : [])];
      derived.set(operationId, analysis.codes(roots));
    }
  }, 120_000);

  it('finds the codes of a redemption in the code (the analysis itself works)', () => {
    // A few codes known to be thrown a few calls away: the service, the domain refusal helpers,
    // the idempotency service, the throttle guard, the global guards.
    expect([...derived.get('redemptions_redeem')!]).toEqual(
      expect.arrayContaining([
        'CHEQUE_EXPIRED',
        'CHEQUE_LOCKED',
        'VENUE_NOT_YOURS',
        'IDEMPOTENCY_KEY_REUSED',
        'TOO_MANY_REQUESTS',
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'UNSUPPORTED_MEDIA_TYPE',
      ]),
    );
    expect(derived.get('cheques_unlock')).not.toContain('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(checked)('%s has an example for every code it can answer, and no other', (id) => {
    const operation = operations.find((o) => o.operationId === id);
    if (!operation) throw new Error(`No operation ${id} in apps/api/openapi.json`);
    const unreachable = UNREACHABLE.filter((u) => u.operationId === id).map((u) => u.code);
    const answerable = [...derived.get(id)!].filter((c) => !unreachable.includes(c)).sort();
    const examples = documented(operation);
    expect({ id, missing: answerable.filter((c) => !examples.has(c)) }).toEqual({
      id,
      missing: [],
    });
    expect({
      id,
      notAnswered: [...examples.keys()].filter((c) => !answerable.includes(c)),
    }).toEqual({ id, notAnswered: [] });
    // An exemption the code no longer needs is stale.
    expect(unreachable.filter((c) => !derived.get(id)!.has(c))).toEqual([]);
  });

  it.each(checked)('%s writes each example as the problem filter answers it', (id) => {
    const operation = operations.find((o) => o.operationId === id)!;
    for (const [code, { status, value }] of documented(operation)) {
      const expected = httpStatusOf(code as ErrorCode);
      expect({ code, status }).toEqual({ code, status: expected });
      expect(value).toMatchObject({
        type: problemType(code),
        title: STATUS_CODES[expected],
        status: expected,
        code,
      });
      expect(value.detail.length).toBeGreaterThan(10);
    }
  });
});
