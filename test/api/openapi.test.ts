import { bureauChangeRoutes } from '../../api/routes/bureau-changes';
import {
  caseEconomicCheckRoutes,
  checkRequestRoutes,
  economicCheckRoutes,
} from '../../api/routes/economic-checks';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import request from 'supertest';
import { buildOpenApiDocument } from '../../api/openapi/document';
import {
  ACTION_BODIES,
  CASE_APPLICATION_EXAMPLES,
  familyLabel,
  MANUAL_REFERRAL_BODY,
  NEW_STANDARD_EXAMPLE,
  programmesOf,
  REFERRAL_ACTION_BODIES,
  STEP_BODIES,
  variantsOf,
  type BodyTable,
} from '../../api/openapi/request-bodies';
import { CASE_NO_EXAMPLES } from '../../api/openapi/responses';
import type { JsonSchema, OpenApiOperation } from '../../api/openapi/types';
import { ADMINISTRATION_BODIES } from '../../api/openapi/administration-paths';
import { accountRoutes } from '../../api/routes/accounts';
import { API_DOCS_PATH, apiDocsRoutes } from '../../api/routes/api-docs';
import { calendarRoutes } from '../../api/routes/calendar';
import { disasterRoutes } from '../../api/routes/disasters';
import { charitySupermarketRoutes, donationRoutes } from '../../api/routes/donations';
import { fundRoutes } from '../../api/routes/funds';
import { householdRoutes } from '../../api/routes/households';
import { paymentRollRoutes } from '../../api/routes/payment-rolls';
import { publicCountyApiRoutes } from '../../api/routes/public-disclosure';
import { careHomeRoutes } from '../../api/routes/care-homes';
import { caseRoutes } from '../../api/routes/cases';
import { countyPolicyRoutes, newStandardSchema } from '../../api/routes/county-policy';
import { dashboardApiRoutes } from '../../api/routes/dashboard';
import { reportRoutes } from '../../api/routes/reports';
import { pairingRoutes } from '../../api/routes/pairings';
import { countyPolicyChangeRoutes } from '../../api/routes/county-policy-changes';
import { healthRoutes } from '../../api/routes/health';
import { orgUnitRoutes } from '../../api/routes/org-units';
import { ownAccountRoutes } from '../../api/routes/own-account';
import { referralRoutes, refSchema as referralRefSchema } from '../../api/routes/referrals';
import { premiumSubsidyRoutes } from '../../api/routes/premium-subsidies';
import { securityLogRoutes } from '../../api/routes/security-log';
import { publicReportRoutes } from '../../api/routes/public-reports';
import { rescueStationRoutes } from '../../api/routes/rescue-stations';
import { tipOffRoutes } from '../../api/routes/tip-offs';
import { randomCheckRoutes } from '../../api/routes/random-checks';
import { publicReportDesk } from '../../api/public-report-desk';
import { caseApplicationSchema, caseRefSchema } from '../../api/schemas/case-application';
import {
  OPEN_PROGRAMME_CODES,
  PROGRAMMES,
  type ProcedureFamily,
  type ProgrammeDefinition,
} from '../../domain/programmes';

// Routers are only built, never called: no database, no Temporal.
const deps = { db: {} as never, temporal: {} as never, taskQueue: 'x' };

/** The /api routers as api/app.ts mounts them (checked against its source below). */
const API_ROUTERS: [mount: string, factory: (d: typeof deps) => Router][] = [
  ['/api/health', healthRoutes],
  ['/api/cases', caseRoutes],
  ['/api/counties', countyPolicyRoutes],
  ['/api/referrals', referralRoutes],
  ['/api/care-homes', careHomeRoutes],
  ['/api/security-log', securityLogRoutes],
  ['/api/dashboard', dashboardApiRoutes],
  ['/api/reports', reportRoutes],
  ['/api/pairings', pairingRoutes],
  ['/api/counties', countyPolicyChangeRoutes],
  ['/api/accounts', accountRoutes],
  ['/api/me', ownAccountRoutes],
  ['/api/org-units', orgUnitRoutes],
  ['/api/calendar', calendarRoutes],
  ['/api/counties', premiumSubsidyRoutes],
  ['/api/payment-rolls', paymentRollRoutes],
  ['/api/funds', fundRoutes],
  ['/api/donations', donationRoutes],
  ['/api/charity-supermarkets', charitySupermarketRoutes],
  ['/api/households', householdRoutes],
  ['/api/tip-offs', tipOffRoutes],
  ['/api/cases', caseEconomicCheckRoutes],
  ['/api/economic-checks', economicCheckRoutes],
  ['/api/economic-check-requests', checkRequestRoutes],
  ['/api/bureau-changes', bureauChangeRoutes],
  ['/api/rescue-stations', rescueStationRoutes],
  ['/api/random-checks', randomCheckRoutes],
  // The public desk is built by api/app.ts from the session secret.
  [
    '/api/public/reports',
    Object.defineProperty(
      (d: typeof deps) => publicReportRoutes({ ...d, desk: publicReportDesk({ ...d, secret: 'x' }) }),
      'name',
      { value: 'publicReportRoutes' },
    ),
  ],
  ['/api/public', publicCountyApiRoutes],
  ['/api/disasters', disasterRoutes],
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: unknown;
  handle: { stack?: Layer[] };
}

/** `/:id/steps/:step` under `/api/cases` → `/api/cases/{id}/steps/{step}`. */
const openApiPath = (prefix: string, routePath: string) =>
  `${prefix}${routePath === '/' ? '' : routePath}`.replace(/:(\w+)/g, '{$1}');

/** "post /api/cases/{id}/steps/{step}" for every route registered in a router, nested routers too. */
function routesOf(stack: Layer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.entries(layer.route.methods)
        .filter(([, on]) => on)
        .map(([method]) => `${method} ${openApiPath(prefix, layer.route!.path)}`);
    }
    if (Array.isArray(layer.handle.stack) && typeof layer.rawPath === 'string')
      return routesOf(layer.handle.stack, openApiPath(prefix, layer.rawPath));
    return [];
  });
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operationsOf(doc: ReturnType<typeof buildOpenApiDocument>) {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({
      key: `${m} ${p}`,
      path: p,
      op: item[m] as OpenApiOperation,
    })),
  );
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      k === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
    );
  return [];
}

function resolve(doc: object, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const operations = operationsOf(doc);

  test('is an OpenAPI 3.1 document whose every operation answers, with unique ids and resolvable refs', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('救助 Jiuzhu API');
    expect(doc.info.description).toMatch(/低保/);
    expect(doc.info.description).toMatch(/minimum living guarantee/);
    expect(operations.length).toBeGreaterThan(0);
    for (const { key, path: p, op } of operations) {
      expect([key, Object.keys(op.responses).length > 0]).toEqual([key, true]);
      expect([key, op.summary.length > 0]).toEqual([key, true]);
      // Every `{param}` of the template is a required path parameter, and nothing else is.
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const inPath = (op.parameters ?? []).filter((x) => x.in === 'path');
      expect([key, inPath.map((x) => x.name).sort()]).toEqual([key, templated]);
      expect(inPath.every((x) => x.required)).toBe(true);
      for (const requirement of op.security)
        for (const scheme of Object.keys(requirement))
          expect(doc.components.securitySchemes).toHaveProperty(scheme);
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every $ref points at something; nothing is lost on the way to JSON.
    for (const pointer of new Set(refsIn(doc)))
      expect([pointer, resolve(doc, pointer) !== undefined]).toEqual([pointer, true]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  test('api/app.ts mounts exactly the routers this test walks', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'api', 'app.ts'), 'utf8');
    const mounted = [...source.matchAll(/app\.use\(\s*'(\/api[^']*)',\s*(\w+Routes)\(/g)]
      .map(([, mount, factory]) => `${mount} ${factory}`)
      .filter((m) => !m.endsWith(' apiDocsRoutes'));
    expect(mounted.sort()).toEqual(API_ROUTERS.map(([mount, factory]) => `${mount} ${factory.name}`).sort());
  });

  test('documents every route the routers register, and no route that does not exist', () => {
    const registered = API_ROUTERS.flatMap(([mount, factory]) =>
      routesOf(factory(deps).stack as unknown as Layer[], mount),
    );
    expect(registered.length).toBeGreaterThanOrEqual(12);
    const documented = operations.map((o) => o.key);
    expect(registered.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((d) => !registered.includes(d))).toEqual([]);
  });

  test('the application body carries the schema’s required fields', () => {
    const post = doc.paths['/api/cases']!.post!;
    expect(post.requestBody!.content['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/CaseApplication',
    });
    const application = doc.components.schemas.CaseApplication!;
    expect(application.required).toEqual(
      expect.arrayContaining([
        'programme',
        'villageId',
        'address',
        'channel',
        'dataCheckAuthorisationSigned',
        'members',
      ]),
    );
    // Defaults are optional to a client (the input side of the schema).
    expect(application.required).not.toContain('relativeOfStaff');
    const properties = application.properties as Record<string, JsonSchema>;
    expect(properties.programme!.enum).toEqual([
      'DIBAO_URBAN',
      'DIBAO_RURAL',
      'TEKUN',
      'MEDICAL',
      'TEMPORARY',
    ]);
    expect(properties.channel!.enum).toEqual(expect.arrayContaining(['inPerson', 'villageInitiative']));
    // One example per family, each parsed by the schema: 特困's found by the village committee.
    const examples = post.requestBody!.content['application/json']!.examples!;
    expect(Object.keys(examples).sort()).toEqual(['dibao', 'medical', 'tekun', 'temporary']);
    for (const [family, example] of Object.entries(CASE_APPLICATION_EXAMPLES)) {
      const parsed = caseApplicationSchema.safeParse(example.value);
      expect([family, parsed.error?.message]).toEqual([family, undefined]);
      expect(examples[family]!.value).toEqual(example.value);
      expect(programmesOf(family as ProcedureFamily).map((p) => p.code)).toContain(example.value.programme);
    }
    expect(CASE_APPLICATION_EXAMPLES.tekun.value).toMatchObject({
      programme: 'TEKUN',
      channel: 'villageInitiative',
    });
    expect((properties.members!.items as JsonSchema).required).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'relation', 'labourCapacity', 'health']),
    );
    expect(post.parameters!.map((p) => `${p.in} ${p.name}`)).toEqual(['header idempotency-key']);
    // The inbox's query parameters come from the route's own schema.
    const inbox = doc.paths['/api/referrals']!.get!.parameters!;
    expect(inbox.map((p) => p.name)).toEqual([
      'status',
      'overdue',
      'dueBefore',
      'department',
      'limit',
      'offset',
    ]);
    expect(inbox.every((p) => p.in === 'query' && !p.required)).toBe(true);
  });

  test('each step, action and referral action is a titled alternative of its body, with an example its schema accepts', () => {
    const alternatives = (p: string) =>
      (
        doc.paths[p]!.post!.requestBody!.content['application/json']!.schema as { anyOf: { $ref: string }[] }
      ).anyOf.map((r) => resolve(doc, r.$ref) as JsonSchema);
    const pathEnum = (p: string, name: string) =>
      doc.paths[p]!.post!.parameters!.find((x) => x.name === name)!.schema.enum as string[];

    // Referral actions: one body each.
    const referralAction = '/api/referrals/{referralNo}/{action}';
    expect(pathEnum(referralAction, 'action').sort()).toEqual(Object.keys(REFERRAL_ACTION_BODIES).sort());
    expect(alternatives(referralAction).map((s) => String(s.title).split(' · ')[0])).toEqual(
      Object.keys(REFERRAL_ACTION_BODIES),
    );
    const referralExamples =
      doc.paths[referralAction]!.post!.requestBody!.content['application/json']!.examples!;
    for (const [name, entry] of Object.entries(REFERRAL_ACTION_BODIES)) {
      const parsed = entry.schema.safeParse(entry.example);
      expect([name, parsed.success ? 'ok' : parsed.error.message]).toEqual([name, 'ok']);
      expect(referralExamples[name]!.value).toEqual(entry.example);
    }

    // Steps and actions: one body per programme family that takes the name.
    const tables: [string, string, 'step' | 'action', BodyTable][] = [
      ['/api/cases/{id}/steps/{step}', 'step', 'step', STEP_BODIES],
      ['/api/cases/{id}/actions/{action}', 'action', 'action', ACTION_BODIES],
    ];
    for (const [p, param, prefix, table] of tables) {
      const component = `${prefix[0]!.toUpperCase()}${prefix.slice(1)}`;
      // What the route accepts in the path is exactly what the body table documents.
      expect(pathEnum(p, param).sort()).toEqual(Object.keys(table).sort());
      expect(alternatives(p).map((s) => String(s.title).split(' · ')[0])).toEqual(Object.keys(table));
      const examples = doc.paths[p]!.post!.requestBody!.content['application/json']!.examples!;
      const variants = variantsOf(table);
      expect(Object.keys(examples).sort()).toEqual(variants.map((v) => v.key).sort());
      for (const { key, name, families, doc: body } of variants) {
        const parsed = body.schema.safeParse(body.example);
        expect([key, parsed.success ? 'ok' : parsed.error.message]).toEqual([key, 'ok']);
        expect(examples[key]!.value).toEqual(body.example);
        // Each body's component names the programmes it is for.
        const schema = doc.components.schemas[`${component}.${key}`]!;
        expect(String(schema.title).startsWith(`${key} · `)).toBe(true);
        for (const family of families) expect(schema.description).toContain(familyLabel(family));
        if (key === name) continue;
        // A name whose programmes parse different bodies offers each, and they do differ: an
        // example of one programme is refused by another's schema.
        const own = variants.filter((v) => v.name === name);
        expect(doc.components.schemas[`${component}.${name}`]!.anyOf).toEqual(
          own.map((v) => ({ $ref: `#/components/schemas/${component}.${v.key}` })),
        );
        const refused = own.some((v) => own.some((o) => !o.doc.schema.safeParse(v.doc.example).success));
        expect([name, refused]).toEqual([name, true]);
      }
    }

    // The tables follow domain/programmes.ts: each family documents exactly the steps and
    // actions its programmes take (the compiler checks this too; here it is checked as served).
    const programmes = Object.values(PROGRAMMES) as ProgrammeDefinition[];
    for (const programme of programmes) {
      const family = programme.family;
      const documented = (table: BodyTable) =>
        Object.keys(table).filter((name) => table[name]![family] !== undefined);
      expect([programme.code, documented(STEP_BODIES).sort()]).toEqual([
        programme.code,
        [...new Set([...programme.applicationSteps, ...programme.enrolmentSteps])].sort(),
      ]);
      expect([programme.code, documented(ACTION_BODIES).sort()]).toEqual([
        programme.code,
        [...new Set([...programme.applicationActions, ...programme.enrolmentActions])].sort(),
      ]);
    }
    // The shared names with their own body per programme, as the programme seam defines them.
    const split = (table: BodyTable) => [
      ...new Set(
        variantsOf(table)
          .filter((v) => v.key !== v.name)
          .map((v) => v.name),
      ),
    ];
    // The village lists 名单 (disaster family) take their own appraisal and township review too.
    expect(split(STEP_BODIES).sort()).toEqual([
      'appraisal',
      'countyApproval',
      'objectionReview',
      'townshipReview',
    ]);
    expect(split(ACTION_BODIES)).toEqual(['requestExit']);
    const countyApproval = doc.components.schemas['Step.countyApproval.tekun']!;
    expect(countyApproval.title).toBe('countyApproval.tekun · 县级审核确认');
    expect((countyApproval.oneOf as JsonSchema[]).map((b) => b.title)).toEqual([
      'decision: confirm',
      'decision: refuse',
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Step.countyApproval.dibao',
        'Step.objectionReview.dibao',
        'Step.objectionReview.tekun',
        'Action.requestExit.dibao',
        'Action.requestExit.tekun',
        'Step.tekunInvestigation',
        'Action.changeSupportMode',
      ]),
    );

    expect(STEP_BODIES.acceptance.dibao.name).toBe('受理');
    expect(STEP_BODIES.acceptance.tekun).toBe(STEP_BODIES.acceptance.dibao);
    const acceptance = doc.components.schemas['Step.acceptance']!;
    expect(acceptance.title).toBe('acceptance · 受理');
    expect((acceptance.oneOf as JsonSchema[]).map((b) => b.title)).toEqual([
      'decision: accept',
      'decision: reject',
    ]);
    for (const [schema, example] of [
      [newStandardSchema, NEW_STANDARD_EXAMPLE],
      [MANUAL_REFERRAL_BODY.schema, MANUAL_REFERRAL_BODY.example],
    ] as const)
      expect(schema.safeParse(example).error).toBeUndefined();
    // The administration bodies: each example parses, and each body is a component of its own.
    for (const [name, entry] of Object.entries(ADMINISTRATION_BODIES)) {
      expect([name, entry.schema.safeParse(entry.example).error?.message]).toEqual([name, undefined]);
      expect(doc.components.schemas[name]!.title).toBe(name);
    }
  });

  test('case numbers: the examples and every case path parameter name a number of each programme', () => {
    expect(Object.keys(CASE_NO_EXAMPLES).sort()).toEqual([
      'dibao',
      'disaster',
      'medical',
      'tekun',
      'temporary',
      'vagrant',
    ]);
    for (const [family, caseNo] of Object.entries(CASE_NO_EXAMPLES)) {
      expect(caseRefSchema.safeParse({ id: caseNo }).error).toBeUndefined();
      const prefixes = programmesOf(family as ProcedureFamily).map((p) => `${p.caseNoPrefix}-`);
      expect([caseNo, prefixes.some((prefix) => caseNo.startsWith(prefix))]).toEqual([caseNo, true]);
      expect(referralRefSchema.safeParse({ referralNo: `${caseNo}-Z01` }).error).toBeUndefined();
    }
    expect(Object.values(CASE_NO_EXAMPLES).map((n) => n.slice(0, 3))).toEqual([
      'DB-',
      'TK-',
      'YL-',
      'LS-',
      'VG-',
      'ZH-',
    ]);
    const caseOperations = operations.filter((o) => o.path.startsWith('/api/cases/{id}'));
    expect(caseOperations.length).toBeGreaterThanOrEqual(5);
    for (const { key, op } of caseOperations) {
      const id = op.parameters!.find((x) => x.name === 'id' && x.in === 'path')!;
      for (const caseNo of Object.values(CASE_NO_EXAMPLES))
        expect([key, id.description?.includes(caseNo)]).toEqual([key, true]);
    }
    for (const component of ['Case', 'CaseView']) {
      const properties = doc.components.schemas[component]!.properties as Record<string, JsonSchema>;
      expect(properties.caseNo!.examples).toEqual(Object.values(CASE_NO_EXAMPLES));
    }
    const programme = (doc.components.schemas.Case!.properties as Record<string, JsonSchema>).programme!;
    expect(programme.enum).toEqual([...OPEN_PROGRAMME_CODES]);
  });

  test('security: HTTP Basic, or the console session with its CSRF token on writes; health, 公示 and the public reports are open', () => {
    expect(doc.components.securitySchemes).toEqual({
      basicAuth: expect.objectContaining({ type: 'http', scheme: 'basic' }),
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'jiuzhu.sid' }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
    for (const { key, op } of operations) {
      if (key === 'get /api/health' || key.includes(' /api/public/'))
        expect([key, op.security]).toEqual([key, []]);
      else if (key.startsWith('post '))
        expect([key, op.security]).toEqual([key, [{ basicAuth: [] }, { sessionCookie: [], csrfToken: [] }]]);
      else expect([key, op.security]).toEqual([key, [{ basicAuth: [] }, { sessionCookie: [] }]]);
    }
  });

  test('errors share one shape and each route lists the statuses it answers', () => {
    const error = doc.components.schemas.Error!;
    expect(error.required).toEqual(['error', 'message']);
    expect(Object.keys(error.properties as object)).toEqual(['error', 'message', 'details']);
    const statuses = (key: string) => Object.keys(operations.find((o) => o.key === key)!.op.responses).sort();
    expect(statuses('post /api/cases/{id}/steps/{step}')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '422',
      '429',
      '503',
    ]);
    expect(statuses('post /api/cases')).toEqual([
      '200',
      '201',
      '202',
      '400',
      '401',
      '403',
      '409',
      '422',
      '429',
      '503',
    ]);
    expect(statuses('get /api/cases/{id}')).toEqual(['200', '400', '401', '404', '429', '503']);
    expect(statuses('post /api/counties/{countyId}/standards')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '429',
      '503',
    ]);
    expect(statuses('get /api/health')).toEqual(['200', '503']);
    // Care homes: a role that reads none 403; a county outside 403, unknown 422; a home outside 404.
    expect(statuses('get /api/care-homes')).toEqual(['200', '400', '401', '403', '422', '429', '503']);
    expect(statuses('get /api/care-homes/{homeId}')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '503',
    ]);
    const invalid =
      doc.components.responses.InvalidInput!.content!['application/json']!.examples!.invalid_input!;
    expect(invalid.value).toMatchObject({ error: 'invalid_input', details: [{ field: 'body.address' }] });
  });

  test('takes paths from elsewhere, e.g. the console’s sign-in', () => {
    const withConsole = buildOpenApiDocument({
      extraPaths: [
        {
          paths: {
            '/login': {
              post: {
                tags: ['console'],
                summary: '登录',
                operationId: 'signIn',
                security: [],
                responses: { '303': { description: 'Signed in' } },
              },
            },
          },
          tags: [{ name: 'console', description: '工作台' }],
        },
      ],
    });
    expect(withConsole.paths['/login']!.post!.operationId).toBe('signIn');
    expect(withConsole.paths['/api/cases']).toEqual(doc.paths['/api/cases']);
    expect(withConsole.tags.map((t) => t.name)).toContain('console');
  });
});

describe('GET /api/docs', () => {
  const app = express();
  app.use(API_DOCS_PATH, apiDocsRoutes());

  test('answers the document as JSON', async () => {
    const res = await request(app).get(`${API_DOCS_PATH}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  test('serves Swagger UI with its assets from the package, no CDN', async () => {
    const redirect = await request(app).get(API_DOCS_PATH);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`${API_DOCS_PATH}/`);

    const page = await request(app).get(`${API_DOCS_PATH}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).toContain('<title>救助 Jiuzhu API</title>');
    expect(page.text).not.toMatch(/(src|href)=["']https?:/);

    const init = await request(app).get(`${API_DOCS_PATH}/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    expect(init.text).toContain('"openapi": "3.1.0"');
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui.css']) {
      const res = await request(app).get(`${API_DOCS_PATH}/${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
    }
  });
});
