import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../../../api/openapi/document';
import type { JsonSchema, OpenApiOperation, OpenApiParameter } from '../../../api/openapi/types';
import { REFERRAL_ACTIONS, REFERRAL_PARTY_ROLES, type ReferralAction } from '../../../domain/referral-steps';
import type { StaffRole } from '../../../domain/staff-roles';
import { ACTION_ROLES, STEP_ROLES } from '../../../domain/step-roles';
import { withCheckCharacter } from '../../../domain/id-card';
import { DEMO_PASSWORD } from '../../../prisma/seed/seed';
import { mutatedBody, type Json } from './body-mutations';
import type { FuzzCase, FuzzWorld } from './fuzz-world';
import { hostileDate, hostileString, type Hostile } from './hostile-values';

/** How a request is signed in; sessions and tokens are resolved when it is sent. */
export type Auth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string }
  /** A wrong password, for a user that is none of the seeded ones (the lock must not shut them out). */
  | { kind: 'wrongPassword'; username: string }
  | { kind: 'header'; value: string }
  | { kind: 'session'; username: string; csrf: CsrfChoice }
  | { kind: 'deadCookie'; which: keyof FuzzWorld['deadCookies']; csrf: CsrfChoice }
  /** A fresh visit to the sign-in page: its cookie (or none) and its token. */
  | { kind: 'loginPage'; cookie: boolean; csrf: CsrfChoice }
  /** A session signed in for this request only, to be signed out. */
  | { kind: 'freshSession'; csrf: CsrfChoice };

/** The CSRF token sent: the session's own, another session's, a made-up one or none. */
export type CsrfChoice = 'right' | 'another' | 'wrong' | 'none';

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'raw'; contentType: string; data: string | Buffer };

export interface FuzzRequest {
  route: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path and query, encoded as sent. */
  url: string;
  auth: Auth;
  headers: Record<string, string>;
  body?: Body;
  /** Why the API must refuse it, when the fuzzer made it bad on purpose. */
  bad?: string;
  /** What was done to the request, for a failure's report. */
  changes: string[];
}

type Method = FuzzRequest['method'];

const ROLES = [
  'VILLAGE_ASSISTANT',
  'TOWNSHIP_OFFICER',
  'COUNTY_APPROVER',
  'DEPARTMENT_OFFICER',
  'SUPERVISOR',
  'ADMINISTRATOR',
  'CARE_HOME_MANAGER',
] as const satisfies readonly StaffRole[];

/** Query fields the console's pages read (they are not in the API's document). */
const CONSOLE_QUERY = [
  'programme',
  'countyId',
  'townshipId',
  'step',
  'ageing',
  'overdue',
  'overallOverdue',
  'status',
  'dueBefore',
  'next',
];

// ── Encoding ────────────────────────────────────────────────────────────────────────────────

/**
 * Percent-encodes any string, lone surrogates included (as the bytes a careless client would
 * send: CESU-8), which encodeURIComponent refuses to encode.
 */
export function encodeLoose(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (char) => {
    if (!/^[\uD800-\uDFFF]$/.test(char)) return encodeURIComponent(char);
    const code = char.charCodeAt(0);
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  });
}

/** Hand-made percent sequences the decoder must refuse or pass through, never choke on. */
const rawSegment = fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%C0%AF', '%FF%FE', '%2e%2e', '..', '.', '%00');

/** A value once in `oneIn` times, else null (fc.option's `freq` is the other way round). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** A header value Node can send: visible Latin-1 only. */
const headerSafe = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

// ── What the document says about a route ────────────────────────────────────────────────────

interface RouteSpec {
  route: string;
  method: Method;
  path: string;
  isApi: boolean;
  operation?: OpenApiOperation;
  pathParams: string[];
}

const doc = buildOpenApiDocument();

function specOf(route: string): RouteSpec {
  const [verb, path] = route.split(' ') as [string, string];
  const method = verb.toLowerCase() as Method;
  const documented = path.replace(/:(\w+)/g, '{$1}');
  return {
    route,
    method,
    path,
    isApi: path.startsWith('/api'),
    operation: doc.paths[documented]?.[method],
    pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
  };
}

const parameters = (spec: RouteSpec, where: OpenApiParameter['in']) =>
  (spec.operation?.parameters ?? []).filter((p): p is OpenApiParameter => 'in' in p && p.in === where);

function enumOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const values = (schema.enum ?? []) as unknown[];
  const nested = ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).flatMap(enumOf);
  return [...values.filter((v): v is string => typeof v === 'string'), ...nested];
}

/** The examples of a route's JSON body, those for the step or action in the path first. */
function examplesOf(spec: RouteSpec, pathValues: Record<string, string>): Json[] {
  const content = (spec.operation?.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
  const examples = (content?.['application/json'] as { examples?: Record<string, { value: Json }> })
    ?.examples;
  if (!examples) return [];
  const named = Object.values(pathValues);
  const own = Object.entries(examples).filter(([key]) => named.includes(key.split('.')[0]!));
  return (own.length ? own : Object.entries(examples)).map(([, example]) => example.value);
}

// ── Values of the world ─────────────────────────────────────────────────────────────────────

/** Values a path parameter or query field of this name may rightly hold, by name. */
function validValues(world: FuzzWorld, name: string, path: string, schema?: JsonSchema): string[] {
  const listed = enumOf(schema);
  if (listed.length) return listed;
  const cases = world.cases.flatMap((c) => [c.caseNo, c.id]);
  switch (name) {
    case 'id':
      return path.startsWith('/letters')
        ? [...world.letterIds, randomUUID()]
        : [...cases, 'DB-532901-2026-999999'];
    case 'memberId':
      return [...world.cases.flatMap((c) => c.memberIds), randomUUID()];
    case 'flagId':
      return [...world.flagIds, randomUUID()];
    case 'countyId':
      return [...world.countyIds, '999999', ''];
    case 'townshipId':
      return [...world.townshipIds, '999999999'];
    case 'villageId':
      return world.villageIds;
    case 'referralNo':
      return [...world.referralNos, 'DB-532901-2026-000001-Z99'];
    case 'homeId':
      return [...world.careHomeIds, '532901999-JLY'];
    case 'stationId':
      return [...world.stationIds, randomUUID()];
    case 'overdue':
    case 'overallOverdue':
      return ['true', 'false', ''];
    case 'dueBefore':
    case 'since':
      return ['2026-12-31', '2027-01-15', ''];
    case 'next':
      return ['/tasks', '/cases/DB-532901-2026-000001', '//evil.example', 'https://evil.example/', '/\\evil'];
    case 'limit':
    case 'offset':
      return ['0', '1', '50', '200', '201', '-1', '1e3', '1e400', '9007199254740993', '0x10'];
    case 'ageing':
      return ['1-5', '6-10', '11-20', '20+', 'all'];
    default:
      return ['1', 'true', 'DIBAO_RURAL', 'acceptance', 'SENT'];
  }
}

/** Who may rightly send a request with these path values (a step's, an action's, a filing's). */
function fitRoles(spec: RouteSpec, values: Record<string, string>): readonly StaffRole[] {
  if (values.step && values.step in STEP_ROLES) return STEP_ROLES[values.step as keyof typeof STEP_ROLES];
  if (spec.path.startsWith('/api/referrals') && values.action && values.action in REFERRAL_ACTIONS)
    return REFERRAL_PARTY_ROLES[REFERRAL_ACTIONS[values.action as ReferralAction].by];
  if (values.action && values.action in ACTION_ROLES)
    return ACTION_ROLES[values.action as keyof typeof ACTION_ROLES];
  if (spec.route === 'POST /api/cases/:id/referrals') return ACTION_ROLES.referByHand;
  if (spec.route === 'POST /api/cases') return ['VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER'];
  if (spec.path.endsWith('/standards')) return ['COUNTY_APPROVER'];
  if (spec.path.includes('/possible-duplicates/')) return ['TOWNSHIP_OFFICER'];
  return ROLES;
}

// ── Parts of a request ──────────────────────────────────────────────────────────────────────

interface PathChoice {
  url: string;
  values: Record<string, string>;
  target?: FuzzCase;
  bad?: string;
  changes: string[];
}

/** The path: each parameter a real value (a case with the step it is at), or something hostile. */
function pathOf(world: FuzzWorld, spec: RouteSpec): fc.Arbitrary<PathChoice> {
  if (spec.pathParams.length === 0) return fc.constant({ url: spec.path, values: {}, changes: [] });
  const documented = Object.fromEntries(
    parameters(spec, 'path').map((p) => [p.name, p.schema as JsonSchema]),
  );
  const hostile = fc.oneof(
    hostileString.map((h) => encodeLoose(String(h.value).slice(0, 600))).filter((segment) => segment !== ''),
    rawSegment,
    fc.string({ minLength: 1, maxLength: 12 }).map(encodeLoose),
  );
  const caseFirst = spec.pathParams.includes('id') && !spec.path.startsWith('/letters');
  return fc
    .record({
      target: fc.constantFrom(...world.cases),
      atOpenStep: fc.boolean(),
      spoiled: sometimes(fc.constantFrom(...spec.pathParams), 5),
      bySlot: fc.tuple(
        ...spec.pathParams.map((name) =>
          fc.constantFrom(...validValues(world, name, spec.path, documented[name])),
        ),
      ),
      ref: fc.constantFrom<'caseNo' | 'id'>('caseNo', 'caseNo', 'id'),
      hostile,
    })
    .map(({ target, atOpenStep, spoiled, bySlot, ref, hostile: junk }) => {
      const values: Record<string, string> = {};
      spec.pathParams.forEach((name, i) => (values[name] = bySlot[i]!));
      if (caseFirst) {
        values.id = target[ref];
        if (atOpenStep && values.step !== undefined && target.openStep) values.step = target.openStep;
        if (values.memberId !== undefined) values.memberId = target.memberIds[0]!;
      }
      const encoded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeLoose(v)]));
      if (spoiled) encoded[spoiled] = junk;
      const url = spec.path.replace(/:(\w+)/g, (_, name: string) => encoded[name]!);
      return {
        url,
        values,
        target: caseFirst ? target : undefined,
        ...(spoiled && { bad: `path parameter ${spoiled} = ${junk.slice(0, 40)}` }),
        changes: spoiled ? [`params.${spoiled} = ${junk.slice(0, 60)}`] : [],
      };
    });
}

interface QueryChoice {
  query: string;
  bad?: string;
  changes: string[];
}

/** The query: documented (or the console's) fields with right or hostile values, repeated, unknown. */
function queryOf(world: FuzzWorld, spec: RouteSpec): fc.Arbitrary<QueryChoice> {
  const documented = parameters(spec, 'query');
  const names = spec.isApi ? documented.map((p) => p.name) : CONSOLE_QUERY;
  const schemaOf = (name: string) =>
    documented.find((p) => p.name === name)?.schema as JsonSchema | undefined;
  const field = fc
    .constantFrom(...(names.length ? names : ['q']), 'unknown', '__proto__', 'status[]')
    .chain((name) => {
      const isDate = /Before$|^since$/.test(name);
      const valid = fc.constantFrom(...validValues(world, name, spec.path, schemaOf(name))).map((v) => ({
        name,
        value: encodeLoose(v),
        bad: undefined as string | undefined,
      }));
      // Only a field the route documents is one it reads; a page's unread field may hold anything.
      const reads = spec.isApi && isDate;
      const hostile = (isDate ? fc.oneof(hostileDate, hostileString) : hostileString).map((h: Hostile) => ({
        name,
        value: encodeLoose(String(h.value).slice(0, 600)),
        bad: reads ? h.bad : undefined,
      }));
      const raw = rawSegment.map((value) => ({ name, value, bad: undefined as string | undefined }));
      return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 3, arbitrary: hostile }, raw);
    });
  const most = spec.method === 'get' ? 4 : 2;
  return fc.array(field, { maxLength: most }).map((fields) => {
    const bad = fields.find((f) => f.bad);
    return {
      query: fields.length ? `?${fields.map((f) => `${encodeLoose(f.name)}=${f.value}`).join('&')}` : '',
      // A field given twice is a list, which no field takes; the bad one is refused either way.
      ...(bad && { bad: `query ${bad.name}: ${bad.bad}` }),
      changes: fields.map((f) => `query.${f.name} = ${f.value.slice(0, 60)}`),
    };
  });
}

/** Raw bodies: JSON that does not parse, nests deeply, is not an object, or is sent as something else. */
const rawBody: fc.Arbitrary<{ body: Body; malformed: boolean }> = fc.oneof(
  fc
    .constantFrom('{"decision":', '{', '[', '{"a":1,}', "{'a':1}", 'not json', '{"a":"\\ud800"', '{"a":NaN}')
    .map((data) => ({
      body: { kind: 'raw', contentType: 'application/json', data } as Body,
      malformed: true,
    })),
  fc
    .constantFrom(
      'null',
      '"text"',
      '1',
      '[]',
      '[{}]',
      '\uFEFF{}',
      '{"__proto__":{"admin":true}}',
      '{"a":1,"a":2}',
    )
    .map((data) => ({
      body: { kind: 'raw', contentType: 'application/json', data } as Body,
      malformed: false,
    })),
  fc.constantFrom(1_000, 20_000, 100_000).map((depth) => ({
    body: {
      kind: 'raw',
      contentType: 'application/json',
      data: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    } as Body,
    malformed: false,
  })),
  fc.constantFrom(1_000, 20_000).map((depth) => ({
    body: {
      kind: 'raw',
      contentType: 'application/json',
      data: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    } as Body,
    malformed: false,
  })),
  fc
    .constantFrom(
      {
        contentType: 'application/json',
        data: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      },
      { contentType: 'application/json; charset=latin1', data: '{"a":"b"}' },
      { contentType: 'application/json; charset=utf-16', data: '{"a":"b"}' },
      { contentType: 'text/plain', data: '{"decision":"accept"}' },
      { contentType: 'application/xml', data: '<a/>' },
      { contentType: 'multipart/form-data; boundary=x', data: '--x\r\n\r\n--x--' },
      { contentType: 'application/x-www-form-urlencoded', data: 'a=%ZZ&b=%E0%A4%A&c' },
      { contentType: 'application/json', data: `{"a":"${'x'.repeat(300_000)}"}` },
      { contentType: 'application/json', data: '' },
    )
    .map(({ contentType, data }) => ({ body: { kind: 'raw', contentType, data } as Body, malformed: false })),
);

/** A JSON body as a form would send it: every value a string. */
const asForm = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
      )
    : { value: String(value) };

/** Examples name a member of no case; the target case's own member makes them reach the rules. */
function withTargetMember(example: Json, target: FuzzCase | undefined): Json {
  if (!target) return example;
  return JSON.parse(
    JSON.stringify(example, (key, v: unknown) =>
      key === 'memberId' && typeof v === 'string' ? target.memberIds[0] : v,
    ),
  ) as Json;
}

/** A valid ID number of someone born between 1940 and 2009, not of anyone filed before (likely). */
const freshIdNumber = fc
  .record({
    year: fc.integer({ min: 1940, max: 2009 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ year, month, day, serial }) =>
    withCheckCharacter(
      `532901${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`,
    ),
  );

/**
 * An example whose members are people no one has filed for: the documented examples' own ID
 * numbers are claimed by the first filing, and every later one would end at 查重 (409).
 */
function withFreshPeople(example: Json): fc.Arbitrary<Json> {
  const members = (example as { members?: unknown } | null)?.members;
  if (!Array.isArray(members)) return fc.constant(example);
  return fc.array(freshIdNumber, { minLength: members.length, maxLength: members.length }).map((ids) => ({
    ...(example as Record<string, Json>),
    members: members.map((m, i) => ({ ...(m as Record<string, Json>), idNumber: ids[i]! })),
  }));
}

/** Whether any string in a body holds a control character (which a form still carries as one). */
function hasControlCharacter(value: unknown): boolean {
  if (typeof value === 'string') return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value); // eslint-disable-line no-control-regex
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasControlCharacter);
  return false;
}

function bodyOf(
  world: FuzzWorld,
  spec: RouteSpec,
  path: PathChoice,
): fc.Arbitrary<{ body?: Body; bad?: string; changes: string[] }> {
  if (spec.method === 'get') return fc.constant({ changes: [] });
  const examples = examplesOf(spec, path.values).map((e) => withTargetMember(e, path.target));
  const templates: Json[] = examples.length
    ? examples
    : spec.route === 'POST /login'
      ? [{ username: world.loginUser, password: DEMO_PASSWORD, next: '/tasks' }]
      : [{}];
  const takesBody = spec.operation?.requestBody !== undefined;
  const json = fc
    .constantFrom(...templates)
    .chain(withFreshPeople)
    .chain((t) => mutatedBody(t));
  const form = spec.route === 'POST /login' ? 5 : 1;
  return fc.oneof(
    {
      weight: 12,
      arbitrary: json.map((m) => ({
        body: { kind: 'json', value: m.body } as Body,
        bad: m.bad,
        changes: m.changes,
      })),
    },
    {
      weight: form,
      arbitrary: json.map((m) => ({
        body: { kind: 'form', value: asForm(m.body) } as Body,
        // A form sends every value as text: what was bad stays bad, as text or as the wrong type —
        // but a lone surrogate cannot travel in a form (its bytes do not decode, and the form
        // parser keeps them as the literal `%ED%BF%BD`, storable text), so only control
        // characters keep unstorable text bad.
        bad:
          m.bad &&
          m.body !== null &&
          typeof m.body === 'object' &&
          (m.bad !== 'unstorable text' || hasControlCharacter(m.body))
            ? m.bad
            : undefined,
        changes: ['form-encoded', ...m.changes],
      })),
    },
    {
      weight: 3,
      arbitrary: rawBody.map(({ body, malformed }) => {
        const data = body.kind === 'raw' ? body.data : '';
        const shown = typeof data === 'string' ? data.slice(0, 40) : `<${data.length} bytes>`;
        return {
          body,
          bad: malformed ? 'malformed JSON' : undefined,
          changes: [`body ${body.kind === 'raw' ? body.contentType : ''}: ${shown}`],
        };
      }),
    },
    ...(takesBody ? [] : [{ weight: 2, arbitrary: fc.constant({ changes: ['no body'] as string[] }) }]),
  );
}

const csrfChoice = fc.constantFrom<CsrfChoice>('another', 'wrong', 'none');

/** Who signs the request in, and how: mostly someone entitled, sometimes anyone or no one. */
function authOf(world: FuzzWorld, spec: RouteSpec, roles: readonly StaffRole[]): fc.Arbitrary<Auth> {
  const fit = fc.constantFrom(...roles.map((r) => world.userOf[r]));
  const anyone = fc.constantFrom(...world.usernames);
  const dead = fc.record({
    kind: fc.constant('deadCookie' as const),
    which: fc.constantFrom(...(Object.keys(world.deadCookies) as (keyof FuzzWorld['deadCookies'])[])),
    csrf: fc.constantFrom<CsrfChoice>('wrong', 'none'),
  });
  const none = fc.constant<Auth>({ kind: 'none' });
  if (spec.route === 'POST /login')
    return fc.record({
      kind: fc.constant('loginPage' as const),
      cookie: fc.constantFrom(true, true, true, true, false),
      csrf: fc.constantFrom<CsrfChoice>('right', 'right', 'right', 'wrong', 'none', 'another'),
    });
  if (spec.route === 'POST /logout')
    return fc.oneof(
      fc.record({
        kind: fc.constant('freshSession' as const),
        csrf: fc.constantFrom<CsrfChoice>('right', 'wrong', 'none'),
      }),
      dead,
      none,
    );
  const session = (who: fc.Arbitrary<string>, csrf: fc.Arbitrary<CsrfChoice>) =>
    fc.record({ kind: fc.constant('session' as const), username: who, csrf });
  if (!spec.isApi)
    return fc.oneof(
      {
        weight: 14,
        arbitrary: session(spec.method === 'get' ? anyone : fit, fc.constant<CsrfChoice>('right')),
      },
      { weight: 2, arbitrary: session(anyone, csrfChoice) },
      { weight: 2, arbitrary: dead },
      { weight: 1, arbitrary: none },
      { weight: 1, arbitrary: fit.map((username): Auth => ({ kind: 'basic', username })) },
    );
  const header = fc.oneof(
    fc
      .constantFrom('Bearer abc', 'Basic', 'Basic !!!!', 'Basic ====', 'basic Zm9vOmJhcg==', 'Digest x')
      .map((value): Auth => ({ kind: 'header', value })),
    fc
      .oneof(
        fc.constantFrom(
          'nocolon',
          ':nouser',
          'fuzz.nobody:',
          'fuzz\u0000.nobody:pw',
          `fuzz.nobody:${'x'.repeat(5000)}`,
        ),
        hostileString.map((h) => `${String(h.value).slice(0, 300)}:password`),
      )
      .map((pair): Auth => ({
        kind: 'header',
        value: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`,
      })),
    fc.constant<Auth>({
      kind: 'header',
      value: `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`,
    }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: fit.map((username): Auth => ({ kind: 'basic', username })) },
    { weight: 4, arbitrary: session(fit, fc.constant<CsrfChoice>('right')) },
    { weight: 2, arbitrary: anyone.map((username): Auth => ({ kind: 'basic', username })) },
    { weight: 1, arbitrary: session(fit, csrfChoice) },
    { weight: 1, arbitrary: dead },
    { weight: 1, arbitrary: header },
    { weight: 1, arbitrary: fc.constant<Auth>({ kind: 'wrongPassword', username: 'fuzz.nobody' }) },
    { weight: 2, arbitrary: none },
  );
}

/** Headers beside the sign-in: an Idempotency-Key, right or hostile, and odd Accept values. */
function headersOf(
  spec: RouteSpec,
): fc.Arbitrary<{ headers: Record<string, string>; bad?: string; changes: string[] }> {
  const takesKey = parameters(spec, 'header').some((p) => p.name === 'idempotency-key');
  const key = fc.oneof(
    fc.uuid().map((u) => ({ value: `fuzz-${u}`, bad: undefined as string | undefined })),
    fc
      .oneof(
        fc.constantFrom(
          'short',
          'a'.repeat(129),
          'key with spaces',
          'clé-accentuée',
          '../../../..',
          'ключ-12345',
        ),
        hostileString.map((h) => String(h.value).slice(0, 200)),
      )
      .map(headerSafe)
      .filter((v) => v.trim() === v && !/^[A-Za-z0-9_\-:.]{8,128}$/.test(v))
      .map((value) => ({ value, bad: 'bad Idempotency-Key' })),
  );
  return fc
    .record({
      key: sometimes(key, 3),
      accept: sometimes(fc.constantFrom('text/html', 'application/xml', '*/*', 'application/json;q=0'), 4),
    })
    .map(({ key: k, accept }) => ({
      headers: {
        ...(k && { 'Idempotency-Key': k.value }),
        ...(accept && { Accept: accept }),
      },
      bad: takesKey && k?.bad ? k.bad : undefined,
      changes: [
        ...(k ? [`Idempotency-Key: ${k.value.slice(0, 40)}`] : []),
        ...(accept ? [`Accept: ${accept}`] : []),
      ],
    }));
}

/** Requests to one route, every part of them generated. */
export function requestsTo(world: FuzzWorld, route: string): fc.Arbitrary<FuzzRequest> {
  const spec = specOf(route);
  return pathOf(world, spec).chain((path) =>
    fc
      .record({
        query: queryOf(world, spec),
        body: bodyOf(world, spec, path),
        auth: authOf(world, spec, fitRoles(spec, path.values)),
        headers: headersOf(spec),
      })
      .map(({ query, body, auth, headers }): FuzzRequest => {
        const bad = path.bad ?? query.bad ?? headers.bad ?? body.bad;
        return {
          route,
          method: spec.method,
          url: `${path.url}${query.query}`,
          auth,
          headers: headers.headers,
          body: body.body,
          ...(bad && { bad }),
          changes: [...path.changes, ...query.changes, ...headers.changes, ...body.changes],
        };
      }),
  );
}

/** Requests to every route the app registers, each route as likely as any other. */
export function fuzzRequests(world: FuzzWorld, routes: string[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...routes.map((route) => requestsTo(world, route)));
}

/** One generated request to each route, so every route is fuzzed however many routes there are. */
export function oneRequestPerRoute(world: FuzzWorld, routes: string[], seed: number): FuzzRequest[] {
  return routes.map((route, i) => fc.sample(requestsTo(world, route), { numRuns: 1, seed: seed + i })[0]!);
}
