import type { Response } from 'supertest';
import {
  attempt,
  collectPools,
  contractViolation,
  fieldsOf,
  fillPath,
  isListOperation,
  type Operation,
  operations,
  type Pools,
  prng,
  problemCode,
  type RequestSpec,
  resourceOf,
  sampleObject,
  send,
} from './openapi-walk.js';
import { ReportRefreshService } from '#src/reporting/refresh/report-refresh.service.js';
import { bootApp, login, type TestApp } from './utils.js';

/**
 * Every operation of the committed OpenAPI document × every role (and an API client of a
 * venue) × its own objects and another organisation's. Asserts: 401 without a token except on
 * the documented public routes; 403 or 404 when reading a foreign object, and no 2xx when
 * writing one; no foreign id in any answer a role gets; API clients only reach redemption
 * routes; a role the operation's `x-roles` does not name is refused by role (403 FORBIDDEN) and a
 * named one never is. "Own" and "foreign" come from the demo seed plus a second programme (funded only by a
 * second funder) created here; see `ownership` in beforeAll.
 */

type Actor =
  | 'ADMIN'
  | 'PROGRAMME_MANAGER'
  | 'FINANCE_OFFICER'
  | 'FUNDER_VIEWER'
  | 'COMMUNE_REFERENT'
  | 'PRESCRIBER_AGENT'
  | 'VENUE_STAFF'
  | 'API_CLIENT';

const ACCOUNTS: Record<Exclude<Actor, 'API_CLIENT'>, string> = {
  ADMIN: 'admin@demo.carnet.fr',
  PROGRAMME_MANAGER: 'manager@demo.carnet.fr',
  FINANCE_OFFICER: 'finance@demo.carnet.fr',
  FUNDER_VIEWER: 'funder@demo.carnet.fr', // État — Préfecture du Pas-de-Calais
  COMMUNE_REFERENT: 'commune@demo.carnet.fr', // Lens (62498)
  PRESCRIBER_AGENT: 'prescriber@demo.carnet.fr', // CCAS de Lens
  VENUE_STAFF: 'venue@demo.carnet.fr', // Espace public numérique de Liévin
};
const USERS = Object.keys(ACCOUNTS) as Exclude<Actor, 'API_CLIENT'>[];
const ACTORS: Actor[] = [...USERS, 'API_CLIENT'];

/** What the contract says: ADMIN passes every role check; no `x-roles` means any signed-in person. */
function mayCall(op: Operation, actor: Exclude<Actor, 'API_CLIENT'>): boolean {
  return actor === 'ADMIN' || op.roles === undefined || op.roles.includes(actor);
}

/** The routes open without a token (DESIGN.md, API conventions). */
const PUBLIC_ROUTES = [
  /^\/api\/v1\/auth\/(login|refresh|logout|token|password-reset|password)$/,
  /^\/api\/v1\/public\//,
  /^\/health\//,
];

/**
 * What an API client may call: redemption scopes only (DESIGN.md, roles); with `redemptions:read`,
 * a venue's software also reads its own reimbursement statements (issue 13).
 */
const CLIENT_ROUTES = [
  /^GET \/api\/v1\/cheques\/\{number\}$/,
  / \/api\/v1\/redemptions(\/|$)/,
  /^GET \/api\/v1\/reimbursement-batches(\/|$)/,
];

const LENS = '62498';
const LIEVIN = '62510';

/** Own object and foreign objects of one role, by resource (see resourceOf). */
type Ownership = Record<string, { own?: string; foreign?: string[] }>;

interface Outcome {
  actor: Actor;
  op: Operation;
  variant: string;
  res?: Response;
  error?: string;
}

describe('authorization matrix: every operation × every role × own/foreign object (e2e)', () => {
  let t: TestApp;
  const ops = operations();
  const tokens = new Map<Actor, string>();
  let clientCredentials: { clientId: string; clientSecret: string };
  let defaults: Pools;
  const ownership = new Map<Actor, Ownership>();
  /** Ids (and cheque numbers) a role must never see in an answer. */
  const hidden = new Map<Actor, Set<string>>();

  const authenticate = async (actor: Actor): Promise<string> => {
    if (actor === 'API_CLIENT') {
      const res = await t.http.post('/api/v1/auth/token').send(clientCredentials).expect(200);
      return res.body.accessToken as string;
    }
    return (await login(t.http, ACCOUNTS[actor])).accessToken;
  };

  /** Sends as `actor`; a 401 on a token that an earlier case revoked signs in again once. */
  const call = async (actor: Actor | undefined, op: Operation, spec: RequestSpec) => {
    const outcome = await callOnce(actor, op, spec);
    if (process.env.MATRIX_TRACE) {
      const status = outcome.res
        ? `${outcome.res.status} ${String(problemCode(outcome.res))}`
        : outcome.error;
      process.stderr.write(
        `${actor ?? 'ANONYMOUS'} ${op.method.toUpperCase()} ${spec.url} → ${status}\n`,
      );
    }
    return outcome;
  };
  const callOnce = async (actor: Actor | undefined, op: Operation, spec: RequestSpec) => {
    if (!actor) return attempt(() => send(t.http, op, spec));
    const auth = () => ({ Authorization: `Bearer ${tokens.get(actor)}` });
    const first = await attempt(() => send(t.http, op, spec, auth()));
    if (first.res?.status !== 401) return first;
    tokens.set(actor, await authenticate(actor));
    return attempt(() => send(t.http, op, spec, auth()));
  };

  const ownId = (actor: Actor, resource: string): string | undefined =>
    ownership.get(actor)?.[resource]?.own ?? defaults.get(resource)?.[0];

  /** A request with the actor's own objects in the path and a minimal valid body. */
  const specFor = (
    actor: Actor,
    op: Operation,
    overrides: Record<string, string> = {},
  ): RequestSpec => {
    const rng = prng(1);
    const values = Object.fromEntries(
      op.pathParams.map((p) => {
        if (p.schema.enum?.length) return [p.name, String(p.schema.enum[0])];
        const resource = resourceOf(p.name, op.path);
        return [
          p.name,
          (resource && ownId(actor, resource)) ?? '00000000-0000-4000-8000-000000000000',
        ];
      }),
    );
    return {
      url: fillPath(op, { ...values, ...overrides }),
      headers: Object.fromEntries(op.headerParams.map((h) => [h.name, 'ABCDEFGHJK'])),
      body: op.jsonBody
        ? { json: sampleObject(op.jsonBody, { rng, idFor: (r) => ownId(actor, r) }, 0) }
        : op.bodyTypes.length
          ? { raw: 'fuzz', contentType: op.bodyTypes[0] }
          : undefined,
    };
  };

  const line = (o: Outcome, what: string) =>
    `${o.actor} ${o.op.label} [${o.variant}] → ${o.error ?? `${o.res!.status} ${String(problemCode(o.res!) ?? '')}`.trim()}: ${what}`;

  /** Problems every answer may have: 5xx, a 4xx that is not problem+json, a foreign id shown. */
  const commonProblems = (o: Outcome): string[] => {
    if (o.error || !o.res) return [line(o, 'no answer')];
    const problems: string[] = [];
    const violation = contractViolation(o.res);
    if (violation) problems.push(line(o, `contract: ${violation}`));
    if (o.res.status < 300 && !o.op.public) {
      // A binary answer (a RIB, a logo) has no text; it names no object either.
      const text = o.res.text ?? '';
      const shown = [...(hidden.get(o.actor) ?? [])].filter((id) => text.includes(id));
      if (shown.length) problems.push(line(o, `shows foreign ${shown.slice(0, 3).join(', ')}`));
    }
    return problems;
  };

  beforeAll(async () => {
    t = await bootApp({
      worker: true,
      config: { CHEQUE_CHECK_LIMIT_PER_USER: '100000', CHEQUE_CHECK_LIMIT_PER_IP: '100000' },
    });
    const admin = await login(t.http, ACCOUNTS.ADMIN);
    const manager = await login(t.http, ACCOUNTS.PROGRAMME_MANAGER);
    const get = async (url: string) => (await t.http.get(url).set(admin.auth).expect(200)).body;
    const first = async (url: string): Promise<string> => {
      const body = await get(url);
      if (!body.data?.[0]) throw new Error(`no object at ${url}`);
      return body.data[0].id as string;
    };
    const ids = async (url: string): Promise<string[]> =>
      ((await get(url)).data as { id: string }[]).map((row) => row.id);
    const chequeOf = async (carnetId: string): Promise<string> =>
      (await get(`/api/v1/carnets/${carnetId}`)).cheques[0].number as string;
    const me = async (email: string) =>
      (
        await t.http
          .get('/api/v1/auth/me')
          .set((await login(t.http, email)).auth)
          .expect(200)
      ).body as {
        id: string;
        organisationId: string;
      };

    // The demo programme, and a second one funded only by a second funder, with one carnet.
    const programme1 = await first('/api/v1/programmes?filter[q]=Lens');
    const state = await first('/api/v1/funders?filter[kind]=STATE');
    const post = (url: string, body: object, status: number) =>
      t.http.post(url).set(manager.auth).send(body).expect(status);
    const funder2 = (
      await post('/api/v1/funders', { kind: 'REGION', name: 'Région (matrice)' }, 201)
    ).body.id as string;
    const programme2 = (
      await post(
        '/api/v1/programmes',
        {
          name: 'Programme de la matrice',
          territoryLabel: 'Ailleurs',
          startDate: '2026-01-01',
          endDate: '2027-12-31',
          validityEndDate: '2027-12-31',
          budgetCents: 1_000_000,
        },
        201,
      )
    ).body.id as string;
    await t.http
      .put(`/api/v1/programmes/${programme2}/funding-shares`)
      .set(manager.auth)
      .send({ shares: [{ funderId: funder2, basisPoints: 10000 }] })
      .expect(200);
    await post(`/api/v1/programmes/${programme2}/activate`, {}, 200);
    const run2 = (await post(`/api/v1/programmes/${programme2}/carnets`, { count: 1 }, 202)).body
      .id as string;
    for (let i = 0; i < 200; i++) {
      const status = (await get(`/api/v1/issuances/${run2}`)).status as string;
      if (status === 'DONE' || status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const issuance1 = await first(`/api/v1/issuances?filter[programmeId]=${programme1}`);
    const carnet2 = await first(`/api/v1/carnets?filter[programmeId]=${programme2}`);

    // Prescribers and the carnets they (and the communes) hold.
    const prescriber = async (name: string) =>
      first(`/api/v1/prescribers?filter[q]=${encodeURIComponent(name)}`);
    const ccasLens = await prescriber('CCAS de Lens');
    const jaures = await prescriber('Jean Jaurès');
    const ccasLievin = await prescriber('CCAS de Liévin');
    const heldBy = (filter: string) =>
      ids(`/api/v1/carnets?filter[status]=ACTIVE&pageSize=200&${filter}`);
    const lensCarnets = await heldBy(`filter[inseeCode]=${LENS}&filter[holderKind]=COMMUNE`);
    const lievinCarnets = await heldBy(`filter[inseeCode]=${LIEVIN}&filter[holderKind]=COMMUNE`);
    const ccasLensCarnets = await heldBy(`filter[prescriberId]=${ccasLens}`);
    const jauresCarnets = await heldBy(`filter[prescriberId]=${jaures}`);
    const ccasLievinCarnets = await heldBy(`filter[prescriberId]=${ccasLievin}`);
    const p1Carnets = await heldBy(`filter[programmeId]=${programme1}`);

    // Venues: the EPN of venue@ and another one.
    const venueUser = await me(ACCOUNTS.VENUE_STAFF);
    const venues = (await get('/api/v1/venues?pageSize=200')).data as {
      id: string;
      organisationId: string;
    }[];
    const epn = venues.find((v) => v.organisationId === venueUser.organisationId)!;
    const otherVenues = venues.filter((v) => v !== epn);
    const otherVenue = otherVenues[0];

    // An API client of the EPN, and throwaway objects for writes on "own" objects.
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({
        name: 'Client de la matrice',
        organisationId: epn.organisationId,
        scopes: ['cheques:check', 'redemptions:write', 'redemptions:read'],
      })
      .expect(201);
    clientCredentials = { clientId: client.body.clientId, clientSecret: client.body.clientSecret };
    const spareClient = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({
        name: 'Client jetable',
        organisationId: otherVenue.organisationId,
        scopes: ['cheques:check'],
      })
      .expect(201);
    const adminMe = await me(ACCOUNTS.ADMIN);
    const spareUser = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'matrix.target@demo.carnet.fr',
        displayName: 'Cible de la matrice',
        password: 'a-long-enough-password',
        role: 'PROGRAMME_MANAGER',
        organisationId: adminMe.organisationId,
      })
      .expect(201);

    // Defaults for resources no role owns in particular, without the accounts the matrix uses.
    const signedIn: string[] = [client.body.id];
    for (const email of Object.values(ACCOUNTS)) signedIn.push((await me(email)).id);
    defaults = await collectPools(t.http, admin.auth, signedIn);
    defaults.set('users', [spareUser.body.id]);
    defaults.set('api-clients', [spareClient.body.id]);
    defaults.set('programmes', [programme1]);
    defaults.set('carnets', [p1Carnets[p1Carnets.length - 1]]);
    defaults.set('cheques', [await chequeOf(p1Carnets[p1Carnets.length - 1])]);

    const lensCheque = await chequeOf(lensCarnets[0]);
    const lievinCheque = await chequeOf(lievinCarnets[0]);
    const ccasLensCheque = await chequeOf(ccasLensCarnets[0]);
    const jauresCheque = await chequeOf(jauresCarnets[0]);
    const p2Cheque = await chequeOf(carnet2);
    const issuance2 = run2;

    ownership.set('FUNDER_VIEWER', {
      programmes: { own: programme1, foreign: [programme2] },
      funders: { own: state, foreign: [funder2] },
      issuances: { own: issuance1, foreign: [issuance2] },
      carnets: { own: p1Carnets[0], foreign: [carnet2] },
      cheques: { own: await chequeOf(p1Carnets[0]), foreign: [p2Cheque] },
    });
    ownership.set('COMMUNE_REFERENT', {
      communes: { own: LENS, foreign: [LIEVIN] },
      programmes: { own: programme1, foreign: [programme2] },
      prescribers: { own: ccasLens, foreign: [ccasLievin] },
      carnets: { own: lensCarnets[0], foreign: [lievinCarnets[0], ccasLievinCarnets[0]] },
      cheques: { own: lensCheque, foreign: [lievinCheque] },
    });
    ownership.set('PRESCRIBER_AGENT', {
      communes: { own: LENS, foreign: [LIEVIN] },
      programmes: { own: programme1, foreign: [programme2] },
      prescribers: { own: ccasLens, foreign: [jaures, ccasLievin] },
      carnets: { own: ccasLensCarnets[0], foreign: [jauresCarnets[0], lievinCarnets[0]] },
      cheques: { own: ccasLensCheque, foreign: [jauresCheque] },
    });
    ownership.set('VENUE_STAFF', {
      // Its venue serves the demo's programme (its reports read the venue's own figures), not
      // the second one.
      programmes: { own: programme1, foreign: [programme2] },
      venues: { own: epn.id, foreign: [otherVenue.id] },
      organisations: { own: epn.organisationId, foreign: [otherVenue.organisationId] },
    });
    ownership.set('API_CLIENT', {
      venues: { own: epn.id, foreign: [otherVenue.id] },
      organisations: { own: epn.organisationId, foreign: [otherVenue.organisationId] },
    });

    // What each role must never see: its foreign objects, and every carnet of another holder.
    hidden.set('FUNDER_VIEWER', new Set([programme2, funder2, issuance2, carnet2, p2Cheque]));
    hidden.set(
      'COMMUNE_REFERENT',
      new Set([
        programme2,
        carnet2,
        ccasLievin,
        ...lievinCarnets,
        ...ccasLievinCarnets,
        lievinCheque,
      ]),
    );
    hidden.set(
      'PRESCRIBER_AGENT',
      new Set([
        programme2,
        carnet2,
        jaures,
        ccasLievin,
        ...jauresCarnets,
        ...lievinCarnets,
        ...ccasLievinCarnets,
        jauresCheque,
      ]),
    );
    hidden.set('VENUE_STAFF', new Set(otherVenues.flatMap((v) => [v.id, v.organisationId])));
    hidden.set('API_CLIENT', new Set(otherVenues.flatMap((v) => [v.id, v.organisationId])));

    // The reports read the reporting store: filled, so that their answers carry every role's
    // figures (and would show a foreign id if a scope leaked one).
    await t.app.get(ReportRefreshService).refresh();
    for (const actor of ACTORS) tokens.set(actor, await authenticate(actor));
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('starts from foreign objects that exist (ADMIN reads each of them)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [actor, owns] of ownership) {
      for (const [resource, { foreign = [] }] of Object.entries(owns)) {
        const op = ops.find(
          (o) =>
            o.method === 'get' &&
            o.pathParams.length === 1 &&
            resourceOf(o.pathParams[0].name, o.path) === resource &&
            o.path.endsWith(`{${o.pathParams[0].name}}`),
        );
        if (!op) continue;
        for (const id of foreign) {
          checked++;
          const { res, error } = await call(
            'ADMIN',
            op,
            specFor('ADMIN', op, { [op.pathParams[0].name]: id }),
          );
          if (res?.status !== 200)
            failures.push(`${actor}'s foreign ${resource} ${id} → ${res?.status ?? error}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    report('fixtures', failures);
  });

  it('documents exactly the public routes as public', () => {
    const documented = ops.filter((op) => op.public).map((op) => op.label);
    const expected = ops
      .filter((op) => PUBLIC_ROUTES.some((r) => r.test(op.path)))
      .map((op) => op.label);
    expect(documented).toEqual(expected);
  });

  it('answers 401 without a token, or with a forged one, on every other operation', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => !PUBLIC_ROUTES.some((r) => r.test(o.path)))) {
      const spec = specFor('ADMIN', op);
      for (const [variant, headers] of [
        ['no token', {}],
        ['forged token', { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
      ] as const) {
        const { res, error } = await call(undefined, op, {
          ...spec,
          headers: { ...spec.headers, ...headers },
        });
        if (error || !res) failures.push(`${op.label} [${variant}] → ${error}`);
        else if (
          res.status !== 401 ||
          contractViolation(res) ||
          res.body.code !== 'UNAUTHENTICATED'
        ) {
          failures.push(
            `${op.label} [${variant}] → ${res.status} ${String(problemCode(res) ?? '')}`,
          );
        }
      }
    }
    report('401', failures);
  });

  it('never shows a role another organisation’s objects (reads: 403 or 404, no foreign id in any answer)', async () => {
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const owns = ownership.get(actor) ?? {};
      for (const op of ops.filter((o) => o.method === 'get')) {
        // Own objects (and lists, as large a page as allowed): whatever the answer, no leak.
        const pageSize = op.queryParams.find((p) => p.name === 'pageSize')?.schema.maximum;
        const own = specFor(actor, op);
        if (isListOperation(op) && pageSize) own.url += `?pageSize=${pageSize}`;
        failures.push(
          ...commonProblems({ actor, op, variant: 'own', ...(await call(actor, op, own)) }),
        );

        // Each foreign object in the path: 403 or 404.
        for (const p of op.pathParams) {
          const resource = resourceOf(p.name, op.path);
          for (const foreign of (resource && owns[resource]?.foreign) || []) {
            const o: Outcome = {
              actor,
              op,
              variant: `foreign ${p.name}`,
              ...(await call(actor, op, specFor(actor, op, { [p.name]: foreign }))),
            };
            failures.push(...commonProblems(o));
            // A public route (a programme's page of venues) shows every active programme to
            // anyone: no object of it is foreign to a role.
            if (o.res && !op.public && ![403, 404].includes(o.res.status))
              failures.push(line(o, 'foreign object not refused'));
          }
        }

        // Lists filtered on a foreign object: refused, or nothing of it shown.
        const filter = op.queryParams.find((p) => p.name === 'filter');
        for (const f of fieldsOf(filter?.schema)) {
          const resource = resourceOf(f.name);
          for (const foreign of (resource && owns[resource]?.foreign) || []) {
            const spec = specFor(actor, op);
            spec.url += `?filter[${f.name}]=${encodeURIComponent(foreign)}`;
            failures.push(
              ...commonProblems({
                actor,
                op,
                variant: `filter ${f.name}=foreign`,
                ...(await call(actor, op, spec)),
              }),
            );
          }
        }
      }
    }
    report('reads', failures);
  }, 180_000);

  it('never lets a role change another organisation’s objects (writes on foreign objects: no 2xx)', async () => {
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const owns = ownership.get(actor) ?? {};
      for (const op of ops.filter((o) => o.method !== 'get')) {
        for (const p of op.pathParams) {
          const resource = resourceOf(p.name, op.path);
          for (const foreign of (resource && owns[resource]?.foreign) || []) {
            const o: Outcome = {
              actor,
              op,
              variant: `foreign ${p.name}`,
              ...(await call(actor, op, specFor(actor, op, { [p.name]: foreign }))),
            };
            failures.push(...commonProblems(o));
            if (o.res && o.res.status < 300) failures.push(line(o, 'foreign object changed'));
          }
        }
      }
    }
    report('foreign writes', failures);
  }, 120_000);

  it('lets API clients reach the redemption and statement routes only', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => !o.public && !CLIENT_ROUTES.some((r) => r.test(o.label)))) {
      const o: Outcome = {
        actor: 'API_CLIENT',
        op,
        variant: 'own',
        ...(await call('API_CLIENT', op, specFor('API_CLIENT', op))),
      };
      failures.push(...commonProblems(o));
      if (o.res && o.res.status !== 403) failures.push(line(o, 'API client not refused with 403'));
    }
    report('API client', failures);
  }, 60_000);

  it('refuses by role exactly as the contract says (x-roles), and never refuses a named role by role', async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => !o.public)) {
      for (const actor of USERS) {
        const named = mayCall(op, actor);
        // Writes by a named role change state: the own-writes test below covers them.
        if (named && op.method !== 'get') continue;
        const o: Outcome = {
          actor,
          op,
          variant: 'own',
          ...(await call(actor, op, specFor(actor, op))),
        };
        failures.push(...commonProblems(o));
        if (!o.res) continue;
        const code = problemCode(o.res);
        if (!named && (o.res.status !== 403 || code !== 'FORBIDDEN')) {
          failures.push(
            line(o, `not in x-roles ${JSON.stringify(op.roles)} but not refused by role`),
          );
        }
        if (named && code === 'FORBIDDEN')
          failures.push(line(o, 'named in x-roles but refused by role'));
      }
    }
    report('x-roles', failures);
  }, 120_000);

  it('answers every role on its own objects without 5xx, refusals as problem+json', async () => {
    // Writes on own objects change state: they run last, the ones that end things at the end.
    const last = (op: Operation) =>
      op.method === 'delete' || /\/(close|cancel|logout|erase)$/.test(op.path) ? 1 : 0;
    const writes = ops.filter((o) => o.method !== 'get').sort((a, b) => last(a) - last(b));
    const failures: string[] = [];
    for (const op of writes) {
      for (const actor of ACTORS) {
        const o: Outcome = {
          actor,
          op,
          variant: 'own',
          ...(await call(actor, op, specFor(actor, op))),
        };
        failures.push(...commonProblems(o));
        if (
          actor !== 'API_CLIENT' &&
          mayCall(op, actor) &&
          o.res &&
          problemCode(o.res) === 'FORBIDDEN'
        ) {
          failures.push(line(o, 'named in x-roles but refused by role'));
        }
      }
    }
    report('own writes', failures);
  }, 120_000);
});

function report(what: string, failures: string[]): void {
  if (failures.length)
    process.stderr.write(
      `authorization matrix, ${what}: ${failures.length} failures\n${failures.join('\n')}\n`,
    );
  expect(failures).toEqual([]);
}
